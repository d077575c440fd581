package com.switchboard.routing.control;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import java.io.Serializable;
import java.time.Instant;
import java.util.Date;

/**
 * One EJB timer per pending offer or invitation, firing at its deadline. Non-persistent: the row is the truth,
 * the sweeper fires any deadline whose timer was lost, and start-up re-arms the pending ones. Created inside the
 * transaction that made the offer or invitation, a timer exists only if it committed.
 */
@Stateless
public class RoutingTimers {

    /** What a timer wakes up. */
    public record Due(Kind kind, long id) implements Serializable {
        public enum Kind { OFFER, INVITATION }
    }

    @Resource
    TimerService timerService;

    @EJB
    OfferEndings endings;

    @EJB
    InvitationExpiry invitations;

    public void armOffer(long offerId, Instant deadline) {
        arm(new Due(Due.Kind.OFFER, offerId), deadline);
    }

    public void armInvitation(long invitationId, Instant deadline) {
        arm(new Due(Due.Kind.INVITATION, invitationId), deadline);
    }

    private void arm(Due due, Instant deadline) {
        timerService.createSingleActionTimer(Date.from(deadline), new TimerConfig(due, false));
    }

    @Timeout
    void deadlinePassed(Timer timer) {
        var due = (Due) timer.getInfo();
        switch (due.kind()) {
            case OFFER -> endings.expire(due.id());
            case INVITATION -> invitations.expire(due.id());
        }
    }
}
