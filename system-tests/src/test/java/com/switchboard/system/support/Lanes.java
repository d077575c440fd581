package com.switchboard.system.support;

/**
 * The two lanes in which the system test classes run side by side with {@code -Dit.parallel=true} (JUnit's parallel
 * execution, two classes at a time: failsafe's configuration in the pom), each class in one lane by its
 * {@code @ResourceLock}: the classes on
 * the {@link SharedSwitchboard} one after the other, and the classes that start nodes, databases or brokers of
 * their own one after the other. The second kind spends much of its time waiting (for a node to start, a crash to
 * be noticed, a stall or a deadline to pass) while the first keeps the machine busy, so side by side the suite takes
 * about as long as its longer lane. No two classes of a lane ever run at once: a shared node's lists hold only one
 * class's data at a time, and two nodes of their own never compete for one machine's cores while they start.
 */
public final class Lanes {

    public static final String SHARED_NODE = "switchboard.lane.shared-node";
    public static final String OWN_NODES = "switchboard.lane.own-nodes";

    private Lanes() {
    }
}
