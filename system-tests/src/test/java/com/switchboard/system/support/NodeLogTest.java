package com.switchboard.system.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the node-log check lets pass: the runtime's own fault as a socket closes, and nothing beside it. */
class NodeLogTest {

    /** As a node logged it while a client's connection closed under its request (a CI run's shared node). */
    private static final String RUNTIME_FAULT = """
            [2026-12-07T14:31:20.873+0000] [] [WARNING] [] [jakarta.enterprise.web] [tid: _ThreadID=136] [timeMillis: 1796653880873] [levelValue: 900] [[
              StandardWrapperValve[default]: Servlet.service() for servlet default threw exception
            java.lang.NullPointerException: Cannot invoke "jakarta.servlet.ServletContext.getInitParameter(String)" because the return value of "jakarta.servlet.http.HttpServletRequest.getServletContext()" is null
            \tat org.glassfish.tyrus.servlet.TyrusServletUpgrade.upgrade(TyrusServletUpgrade.java:213)
            \tat org.glassfish.tyrus.servlet.TyrusServletFilter.doFilter(TyrusServletFilter.java:80)
            \tat com.switchboard.security.ResponseHeaders.doFilter(ResponseHeaders.java:41)
            \tat com.switchboard.security.FormSizeLimit.doFilter(FormSizeLimit.java:43)
            \tat org.glassfish.grizzly.http.server.HttpHandler.runService(HttpHandler.java:174)
            ]]

            [2026-12-07T14:31:20.900+0000] [] [SEVERE] [AS-WEB-CORE-00037] [jakarta.enterprise.web.core] [tid: _ThreadID=136] [timeMillis: 1796653880900] [levelValue: 1000] [[
              An exception or error occurred in the container during the request processing
            java.lang.NullPointerException: Cannot invoke "org.glassfish.grizzly.Connection.getLocalAddress()" because "connection" is null
            \tat org.glassfish.grizzly.http.util.HttpCodecUtils.parseHost(HttpCodecUtils.java:44)
            \tat org.apache.catalina.connector.CoyoteAdapter.doService(CoyoteAdapter.java:384)
            ]]
            """;

    @Test
    void theRuntimesFaultAsAConnectionClosesUnderItsRequestIsNoProblemEvenLoggedAsSevere() {
        assertEquals(List.of(), NodeLog.problems(RUNTIME_FAULT.lines().toList()));
    }

    @Test
    void theSameFaultThroughTheApplicationsOwnCodeIsOne() {
        var ours = RUNTIME_FAULT.replace("\tat com.switchboard.security.FormSizeLimit.doFilter(FormSizeLimit.java:43)",
                "\tat com.switchboard.realtime.VisitorSessions.open(VisitorSessions.java:43)");
        var problems = NodeLog.problems(ours.lines().toList());
        assertEquals(1, problems.size(), String.join("\n---\n", problems));
        assertTrue(problems.get(0).contains("VisitorSessions"), problems.get(0));
    }

    @Test
    void aProblemRightAfterTheRuntimesFaultIsStillOne() {
        var after = RUNTIME_FAULT + """
                Dec 07, 2026 2:31:25 PM com.switchboard.Something run
                SEVERE: something of ours went wrong
                [2026-12-07T14:31:21.000+0000] [] [SEVERE] [] [com.switchboard.conversation] [tid: _ThreadID=1] [timeMillis: 1796653881000] [levelValue: 1000] A conversation was lost
                """;
        var problems = NodeLog.problems(after.lines().toList());
        assertEquals(2, problems.size(), String.join("\n---\n", problems));
    }
}
