package com.switchboard.it;

import java.io.File;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one deployment of the whole suite: the application as it is built (the real WAR with its EJB jar) plus every
 * test class of this package, on a real Payara Micro with the real Artemis resource adapter, MariaDB and an Artemis
 * broker. The test classes declare no deployment of their own; {@link OneDeployment} deploys this one for the first
 * of them and lets the others run on it. Every test makes its own data ({@link TestData}), so neither the order of
 * the tests nor that of the classes matters.
 */
public final class SharedDeployment {

    private SharedDeployment() {
    }

    @Deployment
    public static WebArchive deployment() {
        var war = new File(System.getProperty("it.deployments", "target/deployments"), "switchboard.war");
        if (!war.isFile()) {
            throw new IllegalStateException(war + " is missing: build web first");
        }
        // Not the classes that only the test JVM runs: the suite's broker and database set-up, the extension.
        return ShrinkWrap.createFromZipFile(WebArchive.class, war).addPackages(false,
                path -> !path.get().matches(".*/(SuiteResources|OneDeployment)(\\$.*)?\\.class"),
                SharedDeployment.class.getPackage());
    }
}
