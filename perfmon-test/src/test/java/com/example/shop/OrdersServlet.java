package com.example.shop;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /orders} (one query per order) and {@code GET /orders?join} (one join) as text. The
 * response is complete and flushed before the servlet returns and does some slow work after,
 * as logging or an audit write would: the client has its answer before the request's scope closes.
 */
public final class OrdersServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient OrderRepository orders;

    public OrdersServlet(OrderRepository orders) {
        this.orders = orders;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> lines = request.getParameter("join") != null ? orders.linesJoined() : orders.linesOneQueryPerOrder();
        byte[] body = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/plain");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
