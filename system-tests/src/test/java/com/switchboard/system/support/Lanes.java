package com.switchboard.system.support;

/**
 * The two lanes in which the system test classes run side by side with {@code -Dit.parallel=true} (JUnit's parallel
 * execution, two classes at a time: failsafe's configuration in the pom), each class in one lane by its
 * {@code @ResourceLock}: the classes on the {@link SharedSwitchboard} one after the other, and the classes that
 * start nodes, databases or brokers of their own one after the other. The second kind spends part of its time
 * waiting (for a crash to be noticed, a stall or a deadline to pass), which the first could use; on a 2-core
 * machine both are bound by the CPU, and side by side they took as long as one after the other (the pom's
 * {@code it.parallel}). No two classes of a lane ever run at once: a shared node's lists and log hold only one
 * class's doing at a time, and two nodes of their own never compete for one machine's cores while they start.
 */
public final class Lanes {

    public static final String SHARED_NODE = "switchboard.lane.shared-node";
    public static final String OWN_NODES = "switchboard.lane.own-nodes";

    private Lanes() {
    }
}
