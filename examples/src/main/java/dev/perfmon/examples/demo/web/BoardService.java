package dev.perfmon.examples.demo.web;

import dev.perfmon.examples.demo.domain.Comment;
import dev.perfmon.examples.demo.domain.Post;
import dev.perfmon.examples.demo.domain.ReportState;
import dev.perfmon.examples.demo.domain.User;
import jakarta.persistence.LockModeType;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the board does, in Hibernate 7. Each method is one transaction on one pooled
 * connection; responses are rendered to JSON inside it, so lazy associations load where the
 * naive listing expects them to.
 */
public final class BoardService {

    /** Posts per page. */
    public static final int PAGE_SIZE = 20;

    /** Pages of the listing that are cached; deeper pages go to the database every time. */
    public static final int CACHED_PAGES = 5;

    /**
     * How long the report refresh waits on its subscribers' notification service, a remote call
     * it makes inside its transaction: the connection stays held, and the row locked, meanwhile.
     */
    public static final Duration REPORT_NOTIFICATION_TIME = Duration.ofMillis(40);

    private static final String[] CACHED_PAGE_KEYS = new String[CACHED_PAGES];

    static {
        for (int i = 0; i < CACHED_PAGES; i++) {
            CACHED_PAGE_KEYS[i] = Integer.toString(i);
        }
    }

    private final SessionFactory sessions;
    private final PostCache cache;

    /**
     * @param sessions the session factory
     * @param cache the Redis cache of rendered JSON
     */
    public BoardService(SessionFactory sessions, PostCache cache) {
        this.sessions = sessions;
        this.cache = cache;
    }

    /** {@code GET /posts?page=n}: the latest posts with their authors, from Redis when cached. */
    public String latestPosts(int page) {
        if (page < CACHED_PAGES) {
            return cache.get(PostCache.POSTS, CACHED_PAGE_KEYS[page], () -> loadLatestPosts(page));
        }
        return loadLatestPosts(page);
    }

    private String loadLatestPosts(int page) {
        return read(session -> {
            List<Post> posts = session.createSelectionQuery(
                            "from Post p join fetch p.author order by p.id desc", Post.class)
                    .setFirstResult(page * PAGE_SIZE)
                    .setMaxResults(PAGE_SIZE)
                    .getResultList();
            Json json = new Json().beginObject().name("page").value(page).name("posts").beginArray();
            for (Post post : posts) {
                json.beginObject()
                        .name("id").value(post.getId())
                        .name("title").value(post.getTitle())
                        .name("author").value(post.getAuthor().getName())
                        .name("createdAt").value(post.getCreatedAt().toString())
                        .endObject();
            }
            return json.endArray().endObject().toString();
        });
    }

    /** {@code GET /posts/{id}}: one post, from Redis when cached. */
    public String post(long id) {
        return cache.get(PostCache.POST, Long.toString(id), () -> read(session -> {
            List<Post> found = session.createSelectionQuery(
                            "from Post p join fetch p.author where p.id = :id", Post.class)
                    .setParameter("id", id)
                    .getResultList();
            if (found.isEmpty()) {
                throw new NotFoundException("post " + id);
            }
            Post post = found.get(0);
            return new Json().beginObject()
                    .name("id").value(post.getId())
                    .name("title").value(post.getTitle())
                    .name("body").value(post.getBody())
                    .name("author").value(post.getAuthor().getName())
                    .name("createdAt").value(post.getCreatedAt().toString())
                    .endObject().toString();
        }));
    }

    /** {@code GET /posts/{id}/comments}: a post's comments with their authors, in one query. */
    public String comments(long postId) {
        return read(session -> {
            List<Comment> comments = session.createSelectionQuery(
                            "from Comment c join fetch c.author where c.post.id = :id order by c.id", Comment.class)
                    .setParameter("id", postId)
                    .getResultList();
            if (comments.isEmpty() && session.find(Post.class, postId) == null) {
                throw new NotFoundException("post " + postId);
            }
            Json json = new Json().beginObject().name("postId").value(postId).name("comments").beginArray();
            for (Comment comment : comments) {
                json.beginObject()
                        .name("id").value(comment.getId())
                        .name("author").value(comment.getAuthor().getName())
                        .name("body").value(comment.getBody())
                        .endObject();
            }
            return json.endArray().endObject().toString();
        });
    }

    /**
     * {@code GET /posts/naive}: a page of posts with author and comment count, written the
     * way it usually first gets written. One query for the page, then one per post for its
     * comments and one per distinct author: the N+1.
     */
    public String naiveListing(int page) {
        return read(session -> {
            List<Post> posts = session.createSelectionQuery("from Post p order by p.id desc", Post.class)
                    .setFirstResult(page * PAGE_SIZE)
                    .setMaxResults(PAGE_SIZE)
                    .getResultList();
            return listing(page, posts);
        });
    }

    /**
     * {@code GET /posts/fixed}: the same page and the same JSON as {@link #naiveListing(int)},
     * in two queries: the page's ids, then the posts with author and comments join-fetched
     * (fetching a collection and paginating in one query would page in memory).
     */
    public String fixedListing(int page) {
        return read(session -> {
            List<Long> ids = session.createSelectionQuery("select p.id from Post p order by p.id desc", Long.class)
                    .setFirstResult(page * PAGE_SIZE)
                    .setMaxResults(PAGE_SIZE)
                    .getResultList();
            List<Post> posts = ids.isEmpty() ? List.of() : session.createSelectionQuery(
                            "select distinct p from Post p join fetch p.author left join fetch p.comments"
                                    + " where p.id in :ids order by p.id desc", Post.class)
                    .setParameter("ids", ids)
                    .getResultList();
            return listing(page, posts);
        });
    }

    private static String listing(int page, List<Post> posts) {
        Json json = new Json().beginObject().name("page").value(page).name("posts").beginArray();
        for (Post post : posts) {
            json.beginObject()
                    .name("id").value(post.getId())
                    .name("title").value(post.getTitle())
                    .name("author").value(post.getAuthor().getName())
                    .name("comments").value(post.getComments().size())
                    .endObject();
        }
        return json.endArray().endObject().toString();
    }

    /**
     * {@code POST /posts}: writes a post and empties the cached listing pages.
     *
     * @return the new post's id
     */
    public long createPost(long authorId, String title, String body) {
        if (title == null || title.isBlank() || title.length() > 200) {
            throw new IllegalArgumentException("title must be 1 to 200 characters");
        }
        if (body == null || body.isBlank() || body.length() > 4000) {
            throw new IllegalArgumentException("body must be 1 to 4000 characters");
        }
        long id = sessions.fromTransaction(session -> {
            User author = session.find(User.class, authorId);
            if (author == null) {
                throw new NotFoundException("user " + authorId);
            }
            Post post = new Post(author, title, body, Instant.now());
            session.persist(post);
            session.flush();
            return post.getId();
        });
        cache.evict(PostCache.POSTS, CACHED_PAGE_KEYS);
        return id;
    }

    /**
     * {@code GET /reports/slow}: recomputes the activity report (whose posts drew the most
     * comments) and stores it in the one {@code report_state} row. The row is locked first
     * ({@code SELECT ... FOR UPDATE}), so concurrent refreshes run one after another while
     * each waiting caller holds its pooled connection; and the refresh notifies the report's
     * subscribers before it commits ({@link #REPORT_NOTIFICATION_TIME}). Under load this empties
     * the pool.
     */
    public String refreshReport() {
        return sessions.fromTransaction(session -> {
            ReportState state = session.find(ReportState.class, ReportState.SINGLETON_ID,
                    LockModeType.PESSIMISTIC_WRITE);
            List<Object[]> top = session.createSelectionQuery(
                            "select p.author.id, count(c.id), count(distinct c.author.id) from Comment c join c.post p"
                                    + " group by p.author.id order by count(c.id) desc", Object[].class)
                    .setMaxResults(1)
                    .getResultList();
            Long authorId = top.isEmpty() ? null : (Long) top.get(0)[0];
            long count = top.isEmpty() ? 0 : (Long) top.get(0)[1];
            state.refreshed(Instant.now(), authorId, count);
            notifySubscribers();
            return new Json().beginObject()
                    .name("refreshedAt").value(state.getRefreshedAt().toString())
                    .name("refreshCount").value(state.getRefreshCount())
                    .name("topAuthorId").value(authorId == null ? -1 : authorId)
                    .name("topAuthorComments").value(count)
                    .endObject().toString();
        });
    }

    /** Stands in for the remote notification call: a fixed wait, made with the transaction open. */
    private static void notifySubscribers() {
        try {
            Thread.sleep(REPORT_NOTIFICATION_TIME.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while notifying report subscribers", e);
        }
    }

    /** @return whether the database answers a trivial query (takes a pooled connection) */
    public boolean databaseUp() {
        try {
            return read(session -> session.createNativeQuery("select 1", Integer.class).getSingleResult() != null);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private <T> T read(java.util.function.Function<Session, T> work) {
        return sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            return work.apply(session);
        });
    }
}
