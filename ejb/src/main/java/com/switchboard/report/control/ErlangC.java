package com.switchboard.report.control;

/**
 * The Erlang C model of a queue: chats arrive at random (Poisson) at {@code arrivalsPerHour}, each keeps an agent
 * busy for {@code handleSeconds} on average, and waiting visitors wait in one queue. It answers how many agents
 * answer {@code targetPercent} % of chats within {@code targetSeconds}. Erlang B is computed by its recurrence
 * (never factorials or powers), so large loads do not overflow.
 */
public final class ErlangC {

    /** More agents than this is not a staffing question any more. */
    public static final int MAX_AGENTS = 10_000;

    private ErlangC() {
    }

    /** The offered load in Erlangs: how many agents would be busy all the time. */
    public static double load(double arrivalsPerHour, double handleSeconds) {
        return arrivalsPerHour * handleSeconds / 3600.0;
    }

    /** The probability that a chat has to wait at all, with {@code agents} agents (1 when they cannot keep up). */
    public static double probabilityOfWaiting(int agents, double load) {
        if (agents <= load) {
            return 1.0;
        }
        double erlangB = 1.0;
        for (int n = 1; n <= agents; n++) {
            erlangB = load * erlangB / (n + load * erlangB);
        }
        return agents * erlangB / (agents - load * (1 - erlangB));
    }

    /** The share of chats answered within {@code targetSeconds}, from 0 to 1. */
    public static double serviceLevel(int agents, double arrivalsPerHour, double handleSeconds, double targetSeconds) {
        double load = load(arrivalsPerHour, handleSeconds);
        if (agents <= load) {
            return 0.0;
        }
        return 1 - probabilityOfWaiting(agents, load) * Math.exp(-(agents - load) * targetSeconds / handleSeconds);
    }

    /** The average wait of all chats in seconds (0 for those answered at once). */
    public static double averageWaitSeconds(int agents, double arrivalsPerHour, double handleSeconds) {
        double load = load(arrivalsPerHour, handleSeconds);
        if (agents <= load) {
            return Double.POSITIVE_INFINITY;
        }
        return probabilityOfWaiting(agents, load) * handleSeconds / (agents - load);
    }

    /** The fewest agents that reach the service level; 0 when nobody arrives. */
    public static int agentsNeeded(double arrivalsPerHour, double handleSeconds, double targetPercent,
                                   double targetSeconds) {
        if (arrivalsPerHour < 0 || handleSeconds <= 0 || targetPercent <= 0 || targetPercent >= 100
                || targetSeconds < 0) {
            throw new IllegalArgumentException("arrivals >= 0, handle time > 0, 0 < target % < 100, seconds >= 0");
        }
        if (arrivalsPerHour == 0) {
            return 0;
        }
        int agents = Math.max(1, (int) Math.floor(load(arrivalsPerHour, handleSeconds)) + 1);
        while (serviceLevel(agents, arrivalsPerHour, handleSeconds, targetSeconds) < targetPercent / 100.0) {
            if (++agents > MAX_AGENTS) {
                throw new IllegalArgumentException("More than " + MAX_AGENTS + " agents would be needed");
            }
        }
        return agents;
    }
}
