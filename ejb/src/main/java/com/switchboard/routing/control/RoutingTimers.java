package com.switchboard.routing.control;

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
 * One EJB timer per pending offer, firing at its deadline. Non-persistent: the offer row is the truth, the
 * sweeper fires any deadline whose timer was lost, and start-up re-arms the pending ones. Created inside the
 * offering transaction, a timer exists only if the offer committed.
 */
@Stateless
public class OfferTimers {

    @Resource
    TimerService timerService;

    @EJB
    Router router;

    public void arm(long offerId, Instant deadline) {
        timerService.createSingleActionTimer(Date.from(deadline), new TimerConfig(offerId, false));
    }

    @Timeout
    void deadlinePassed(Timer timer) {
        router.expire((Long) timer.getInfo());
    }
}
