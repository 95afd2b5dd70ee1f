package com.example.shop;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The Spring MVC version of {@link OrdersServlet}. */
@RestController
public class OrdersController {

    private final OrderRepository orders;

    public OrdersController(OrderRepository orders) {
        this.orders = orders;
    }

    @GetMapping(path = "/orders", produces = "text/plain")
    public String orders(@RequestParam(name = "join", required = false) String join) {
        return String.join("\n", join != null ? orders.linesJoined() : orders.linesOneQueryPerOrder());
    }
}
