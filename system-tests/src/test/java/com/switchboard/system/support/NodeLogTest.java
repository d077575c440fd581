package com.switchboard.system.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the node-log check lets pass: the runtime's own fault as a socket closes, a client gone before its answer was
 * written, and nothing beside them.
 */
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

    /** As a node logged it when a browser left an admin page while its faces.js still downloaded (a CI run's). */
    private static final String CLIENT_GONE = """
            [2026-12-07T17:55:53.903+0000] [] [WARNING] [faces.application.resource.unable_to_serve_from_library] [jakarta.enterprise.resource.webcontainer.faces.application] [tid: _ThreadID=131] [timeMillis: 1796666153903] [levelValue: 900] JSF1064: Unable to find or serve resource, faces.js, from library, jakarta.faces.

            [2026-12-07T17:55:53.929+0000] [] [WARNING] [] [jakarta.enterprise.resource.webcontainer.faces.application] [tid: _ThreadID=131] [timeMillis: 1796666153929] [levelValue: 900] [[
             \s
            java.io.IOException: Connection is closed
            	at org.glassfish.grizzly.nio.NIOConnection.assertOpen(NIOConnection.java:427)
            	at org.glassfish.grizzly.http.io.OutputBuffer.write(OutputBuffer.java:613)
            	at com.sun.faces.application.resource.ResourceHandlerImpl.handleResourceRequest(ResourceHandlerImpl.java:306)
            	at jakarta.faces.webapp.FacesServlet.service(FacesServlet.java:449)
            	at com.switchboard.security.FormSizeLimit.doFilter(FormSizeLimit.java:43)
            	at com.switchboard.security.ResponseHeaders.doFilter(ResponseHeaders.java:41)
            	at org.glassfish.grizzly.http.server.HttpHandler.runService(HttpHandler.java:174)
            ]]
            """;

    @Test
    void aClientGoneBeforeItsAnswerWasWrittenIsNoProblem() {
        assertEquals(List.of(), NodeLog.problems(CLIENT_GONE.lines().toList()));
    }

    @Test
    void aClosedConnectionWrittenToByTheApplicationsOwnCodeIsOne() {
        assertOneProblemNaming("TranscriptResource", CLIENT_GONE.replace(
                "\tat jakarta.faces.webapp.FacesServlet.service(FacesServlet.java:449)",
                "\tat com.switchboard.transcript.boundary.TranscriptResource.download(TranscriptResource.java:80)"));
    }

    @Test
    void theRuntimesFaultAsAConnectionClosesUnderItsRequestIsNoProblemEvenLoggedAsSevere() {
        assertEquals(List.of(), NodeLog.problems(RUNTIME_FAULT.lines().toList()));
    }

    @Test
    void theSameFaultThroughTheApplicationsOwnCodeIsOne() {
        assertOneProblemNaming("VisitorSessions", RUNTIME_FAULT.replace(
                "\tat com.switchboard.security.FormSizeLimit.doFilter(FormSizeLimit.java:43)",
                "\tat com.switchboard.realtime.VisitorSessions.open(VisitorSessions.java:43)"));
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

    private static void assertOneProblemNaming(String name, String log) {
        var problems = NodeLog.problems(log.lines().toList());
        assertEquals(1, problems.size(), String.join("\n---\n", problems));
        assertTrue(problems.get(0).contains(name), problems.get(0));
    }
}
