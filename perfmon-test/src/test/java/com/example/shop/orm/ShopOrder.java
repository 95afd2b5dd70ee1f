package com.example.shop.orm;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.List;

/** An order of the shop tables, with its lazy items. */
@Entity
@Table(name = "shop_orders")
public class ShopOrder {

    @Id
    private Integer id;

    private String customer;

    @OneToMany(mappedBy = "order")
    @OrderBy("id")
    private List<ShopItem> items = new ArrayList<>();

    protected ShopOrder() {
    }

    public Integer getId() {
        return id;
    }

    public String getCustomer() {
        return customer;
    }

    public List<ShopItem> getItems() {
        return items;
    }
}
