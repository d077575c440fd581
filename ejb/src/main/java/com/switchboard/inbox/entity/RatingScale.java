package com.switchboard.inbox.entity;

/**
 * How an inbox's widget asks visitors to rate a chat once it is closed: FIVE (1 to 5), GOOD_BAD (0 bad, 1 good),
 * or NONE (it does not ask). A rating counts as satisfied at 4 or 5 of five, or "good".
 */
public enum RatingScale {
    FIVE(1, 5, 4), GOOD_BAD(0, 1, 1), NONE(0, -1, Integer.MAX_VALUE);

    private final int lowest;
    private final int highest;
    private final int satisfiedFrom;

    RatingScale(int lowest, int highest, int satisfiedFrom) {
        this.lowest = lowest;
        this.highest = highest;
        this.satisfiedFrom = satisfiedFrom;
    }

    public boolean accepts(int score) {
        return score >= lowest && score <= highest;
    }

    public boolean satisfied(int score) {
        return score >= satisfiedFrom;
    }

    public int lowest() {
        return lowest;
    }

    public int highest() {
        return highest;
    }
}
