package dev.perfmon.examples.demo.load;

/** What a simulated user can do on the board. */
public enum Action {
    /** {@code GET /posts?page=n}, mostly the first page. */
    LIST("GET /posts"),
    /** {@code GET /posts/{id}}, skewed towards recent posts; one in a hundred asks for a missing id (404). */
    DETAIL("GET /posts/{id}"),
    /** {@code GET /posts/{id}/comments}. */
    COMMENTS("GET /posts/{id}/comments"),
    /** {@code GET /posts/naive?page=n}: the listing with the N+1. */
    NAIVE("GET /posts/naive"),
    /** {@code GET /posts/fixed?page=n}: the same listing without it. */
    FIXED("GET /posts/fixed"),
    /** {@code POST /posts}: a new post (empties the listing cache). */
    CREATE("POST /posts"),
    /** {@code GET /reports/slow}: the report refresh that queues on a row lock. */
    REPORT("GET /reports/slow");

    private final String route;

    Action(String route) {
        this.route = route;
    }

    /** @return the route it exercises */
    public String route() {
        return route;
    }

    /** @return whether it writes */
    public boolean writes() {
        return this == CREATE;
    }
}
