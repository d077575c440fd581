// What the signed-in agent may do with a conversation, so that the console offers only that: the rules of
// ConversationAccess (and of the routing and participant services that apply them), from the agent's roles, the
// conversation's line in the list and its participants. The server decides again on every request; this only
// keeps actions it would refuse out of the agent's way, for every agent alike.

const NOTHING = {take: false, transfer: false, invite: false, removeParticipant: false, leave: false, close: false,
    archive: false, delete: false, reply: true};

/**
 * me: {agentId, roles, mayDelete}; summary: the conversation's line (status, assigneeId, inboxId), or none while
 * the list has not shown it; participants: the colleagues invited in, or null while they are being read;
 * memberOf(inboxId): whether the agent is a member of that inbox.
 */
export function rightsIn({me, summary, participants, memberOf}) {
    if (!summary) return NOTHING;
    const has = role => me.roles?.includes(role) ?? false;
    const admin = has('ADMIN');
    const oversees = admin || has('SUPERVISOR');
    const holds = summary.assigneeId === me.agentId;
    const takingPart = participants?.some(p => p.agentId === me.agentId) ?? false;
    const archived = summary.status === 'ARCHIVED';
    // Handing on: an admin, the holder, or a supervisor for a chat nobody holds (ConversationAccess.canAssign).
    const assign = admin || (summary.assigneeId == null ? has('SUPERVISOR') : holds);
    // Inviting, and asking colleagues out again: whoever may hand it on, and whoever oversees (canInvite).
    const invite = (oversees || assign) && !archived;
    return {
        take: summary.status === 'WAITING' && memberOf(summary.inboxId),
        transfer: assign && !archived,
        invite,
        removeParticipant: invite,
        // A colleague invited in leaves; the holder leaves the chat to one of the colleagues taking part.
        leave: takingPart || (holds && (participants?.length ?? 0) > 0),
        close: (oversees || holds) && summary.status !== 'CLOSED' && !archived,
        archive: (oversees || holds) && summary.status === 'CLOSED',
        delete: me.mayDelete === true,
        // Public replies: the holder, a colleague invited in, an admin (ConversationGuard.canReply); offered while
        // the participants are still being read, rather than taken away from an invitee who just accepted.
        reply: admin || holds || takingPart || participants === null,
    };
}

/** Why the agent may not reply publicly (for the reply mode's title and the composer). */
export function whyNoReply(rights) {
    return rights.take ? 'Take this chat to reply to the visitor; private notes reach only your colleagues.'
        : 'Only the agent holding this chat, a colleague invited into it or an admin replies to the visitor; '
            + 'private notes reach only your colleagues.';
}
