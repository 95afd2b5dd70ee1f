package dev.perfmon.examples.demo.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/** Weighted choice of what a normal user does next. */
public final class RequestMix {

    private final Action[] actions;
    private final int[] cumulative;

    private RequestMix(Map<Action, Integer> weights) {
        actions = new Action[weights.size()];
        cumulative = new int[weights.size()];
        int i = 0;
        int sum = 0;
        for (Map.Entry<Action, Integer> entry : weights.entrySet()) {
            if (entry.getValue() <= 0) {
                throw new IllegalArgumentException("weight of " + entry.getKey() + " must be positive: " + entry.getValue());
            }
            sum += entry.getValue();
            actions[i] = entry.getKey();
            cumulative[i] = sum;
            i++;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("a mix needs at least one action");
        }
    }

    /**
     * The board's usual traffic, five reads for every write: listing 18, post 14, comments 10,
     * naive listing 4, fixed listing 4 (50 reads) against 10 new posts.
     *
     * @return the standard mix
     */
    public static RequestMix standard() {
        Map<Action, Integer> weights = new EnumMap<>(Action.class);
        weights.put(Action.LIST, 18);
        weights.put(Action.DETAIL, 14);
        weights.put(Action.COMMENTS, 10);
        weights.put(Action.NAIVE, 4);
        weights.put(Action.FIXED, 4);
        weights.put(Action.CREATE, 10);
        return new RequestMix(weights);
    }

    /**
     * @param weights relative weights
     * @return a custom mix
     */
    public static RequestMix of(Map<Action, Integer> weights) {
        return new RequestMix(new EnumMap<>(weights));
    }

    /** @return a mix that only does {@code action} */
    public static RequestMix only(Action action) {
        return new RequestMix(Map.of(action, 1));
    }

    Action next(Random random) {
        int pick = random.nextInt(cumulative[cumulative.length - 1]);
        for (int i = 0; i < cumulative.length; i++) {
            if (pick < cumulative[i]) {
                return actions[i];
            }
        }
        return actions[actions.length - 1];
    }

    /** @return the share of writes */
    public double writeShare() {
        int writes = 0;
        int previous = 0;
        for (int i = 0; i < actions.length; i++) {
            if (actions[i].writes()) {
                writes += cumulative[i] - previous;
            }
            previous = cumulative[i];
        }
        return (double) writes / cumulative[cumulative.length - 1];
    }
}
