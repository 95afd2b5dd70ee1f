package com.example.shop;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Plain JDBC over the shop tables, written the way application code is: some of it with an N+1. */
public final class OrderRepository {

    private static final AtomicInteger IDS = new AtomicInteger(1000);

    private final DataSource dataSource;

    public OrderRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return {@code order-id: item} lines, loading each order's items with a query of its own (the N+1) */
    public List<String> linesOneQueryPerOrder() {
        try (Connection c = dataSource.getConnection()) {
            List<Integer> ids = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id from shop_orders order by id")) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
            List<String> lines = new ArrayList<>();
            for (int id : ids) {
                lines.addAll(itemsOf(c, id));
            }
            return lines;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> itemsOf(Connection c, int orderId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select name from shop_items where order_id = ? order by id")) {
            p.setInt(1, orderId);
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    lines.add(orderId + ": " + rs.getString(1));
                }
            }
            return lines;
        }
    }

    /** @return the same lines as {@link #linesOneQueryPerOrder()}, from one join */
    public List<String> linesJoined() {
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select o.id, i.name from shop_orders o join shop_items i on i.order_id = o.id"
                     + " order by o.id, i.id")) {
            List<String> lines = new ArrayList<>();
            while (rs.next()) {
                lines.add(rs.getInt(1) + ": " + rs.getString(2));
            }
            return lines;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the customer of an order, one query per call */
    public String customer(int orderId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement p = c.prepareStatement("select customer from shop_orders where id = ?")) {
            p.setInt(1, orderId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Fills a basket: counts the customer's baskets, inserts the basket, then its items in one
     * JDBC batch (one round trip, however many items).
     *
     * @return the new basket's id
     */
    public int fillBasket(String customer, String... items) {
        int basketId = IDS.incrementAndGet();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement p = c.prepareStatement("select count(*) from shop_baskets where customer = ?")) {
                p.setString(1, customer);
                p.executeQuery().close();
            }
            try (PreparedStatement p = c.prepareStatement("insert into shop_baskets (id, customer) values (?, ?)")) {
                p.setInt(1, basketId);
                p.setString(2, customer);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement(
                    "insert into shop_basket_items (id, basket_id, name) values (?, ?, ?)")) {
                for (String item : items) {
                    p.setInt(1, IDS.incrementAndGet());
                    p.setInt(2, basketId);
                    p.setString(3, item);
                    p.addBatch();
                }
                p.executeBatch();
            }
            return basketId;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
