package com.switchboard.conversation.control;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import java.time.Instant;
import java.util.Date;

/**
 * The timers that wake a conversation at its inactivity deadline: at most one per conversation (see
 * {@code InactivityDeadline.moveTo}), non-persistent, created in the transaction that moved the deadline. The
 * deadline in the conversation's row is the truth; {@link InactivitySweeper} catches deadlines whose timer was lost.
 */
@Stateless
public class InactivityTimers {

    @Resource
    TimerService timerService;

    @EJB
    InactivityRules rules;

    public void arm(long conversationId, Instant at) {
        timerService.createSingleActionTimer(Date.from(at), new TimerConfig(conversationId, false));
    }

    @Timeout
    void deadlineReached(Timer timer) {
        rules.due((Long) timer.getInfo());
    }
}
