package com.switchboard.system.support;

/**
 * The lanes in which the system test classes run side by side with {@code -Dit.parallel=true} (JUnit's parallel
 * execution, two classes at a time: failsafe's configuration in the pom), each class in one lane by its
 * {@code @ResourceLock}; no two classes of a lane ever run at once. The classes on the {@link SharedSwitchboard}
 * take turns, as its lists and log hold only one class's doing at a time. The classes that start nodes, databases
 * or brokers of their own are split in two: those that kill, stall or fill up one of their parts (which spend much
 * of their time waiting for that to be noticed or to pass) and the others, so that two of the long ones can run
 * side by side while the shared node's classes are done.
 */
public final class Lanes {

    public static final String SHARED_NODE = "switchboard.lane.shared-node";
    public static final String OWN_NODES = "switchboard.lane.own-nodes";
    public static final String BROKEN_PARTS = "switchboard.lane.broken-parts";

    private Lanes() {
    }
}
