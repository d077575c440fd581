package com.switchboard.system.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What writers sent, what the product acknowledged and what it stored, keyed by the writers' own ids (a socket
 * message's {@code clientId}, a legacy system's {@code externalId}): the product keeps its promise when every
 * acknowledged key is stored exactly once, where it was acknowledged, and nothing is stored that was never sent.
 * Thread-safe: writers record from their own threads.
 */
public final class DeliveryLedger {

    private final Set<String> sent = new LinkedHashSet<>();
    /** Key → where the acknowledgement said it was stored (null when the acknowledgement says nothing of it). */
    private final Map<String, String> acknowledged = new HashMap<>();

    public synchronized void sent(String key) {
        sent.add(key);
    }

    /** {@code position}: where the product said the key was stored (e.g. conversation and seq), or null. */
    public synchronized void acknowledged(String key, String position) {
        if (!sent.contains(key)) {
            throw new IllegalStateException("acknowledged before it was sent: " + key);
        }
        acknowledged.put(key, position);
    }

    public synchronized int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Sent and never acknowledged, in the order they were sent: what a writer sends again after a crash. */
    public synchronized List<String> unacknowledged() {
        return sent.stream().filter(key -> !acknowledged.containsKey(key)).toList();
    }

    /**
     * Compares the ledger with what the product has stored: one entry per stored copy, keyed as sent, with where it
     * is (null where the acknowledgement gives no position).
     */
    public synchronized Verdict check(List<Map.Entry<String, String>> stored) {
        var copies = new HashMap<String, List<String>>();
        for (var entry : stored) {
            copies.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(entry.getValue());
        }
        var lost = new TreeSet<String>();
        var moved = new TreeMap<String, String>();
        for (var ack : acknowledged.entrySet()) {
            var where = copies.get(ack.getKey());
            if (where == null) {
                lost.add(ack.getKey());
            } else if (ack.getValue() != null && where.size() == 1 && !ack.getValue().equals(where.get(0))) {
                moved.put(ack.getKey(), "acknowledged at " + ack.getValue() + ", stored at " + where.get(0));
            }
        }
        var duplicated = new TreeMap<String, List<String>>();
        var unknown = new TreeSet<String>();
        copies.forEach((key, where) -> {
            if (where.size() > 1) {
                duplicated.put(key, where);
            }
            if (!sent.contains(key)) {
                unknown.add(key);
            }
        });
        return new Verdict(acknowledged.size(), stored.size(), lost, duplicated, moved, unknown);
    }

    /** The comparison's outcome: {@link #clean()} when nothing was lost, duplicated, moved or made up. */
    public record Verdict(int acknowledged, int stored, Set<String> lost, Map<String, List<String>> duplicated,
                          Map<String, String> moved, Set<String> unknown) {

        public boolean clean() {
            return lost.isEmpty() && duplicated.isEmpty() && moved.isEmpty() && unknown.isEmpty();
        }

        @Override
        public String toString() {
            var text = new LinkedHashMap<String, Object>();
            text.put("acknowledged", acknowledged);
            text.put("stored", stored);
            text.put("lost", lost.size() + " " + lost);
            text.put("duplicated", duplicated.size() + " " + duplicated);
            text.put("moved", moved.size() + " " + moved);
            text.put("never sent", unknown.size() + " " + unknown);
            return text.toString();
        }
    }
}
