package com.switchboard.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SocketFramesTest {

    @Test
    void noTokenOfASocketsUrlReachesALogLine() {
        assertEquals("closed: ws://h/switchboard/ws/agent?token=… (1003)",
                SocketFrames.withoutTokens("closed: ws://h/switchboard/ws/agent?token=12.1765000000.c2lnbmF0dXJl (1003)"));
        assertEquals("/ws/visitor?inbox=support&TOKEN=…&x=1 and token=…",
                SocketFrames.withoutTokens("/ws/visitor?inbox=support&TOKEN=abc-def_g&x=1 and token=\u00e9t\u00e9"));
        assertEquals("nothing to hide", SocketFrames.withoutTokens("nothing to hide"));
    }
}
