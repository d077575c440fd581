package com.switchboard.it;

import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentScenario;
import org.jboss.arquillian.container.spi.event.DeployManagedDeployments;
import org.jboss.arquillian.container.spi.event.UnDeployManagedDeployments;
import org.jboss.arquillian.container.spi.event.container.BeforeStop;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.impl.client.deployment.event.GenerateDeployment;
import org.jboss.arquillian.core.api.Event;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.InstanceProducer;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.arquillian.test.spi.annotation.ClassScoped;
import org.jboss.arquillian.test.spi.context.ClassContext;

/**
 * One deployment for all test classes without a {@code @Deployment} of their own: {@link SharedDeployment}'s.
 * Arquillian deploys and undeploys once per test class, and the Payara Micro adapter starts a new Micro for each
 * deployment (tens of seconds). So the first such class deploys {@link SharedDeployment}, the following ones get the
 * same deployment (Arquillian keeps a class's deployment in its class scope) and deploy nothing, no class undeploys,
 * and the deployment goes after the last class, before the container stops. Classes with a deployment of their own
 * (the benchmarks) are left alone. Registered in META-INF/services; client side only (the test JVM).
 */
public class OneDeployment implements LoadableExtension {

    private static final Logger LOG = Logger.getLogger(OneDeployment.class.getName());

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Switch.class);
    }

    /** Arquillian's observers run one event at a time: plain fields suffice. */
    public static class Switch {

        @Inject
        @ClassScoped
        private InstanceProducer<DeploymentScenario> scenario;

        @Inject
        private Instance<ClassContext> classContext;

        @Inject
        private Event<GenerateDeployment> generate;

        @Inject
        private Event<UnDeployManagedDeployments> undeploy;

        private DeploymentScenario shared;
        /** Whether the current test class runs on the shared deployment. */
        private boolean sharing;
        private boolean deployed;
        private boolean undeploying;

        public void generate(@Observes EventContext<GenerateDeployment> context) {
            var testClass = context.getEvent().getTestClass();
            if (testClass.getMethods(Deployment.class).length > 0) {
                sharing = false;
                context.proceed();
                return;
            }
            if (shared == null) {
                LOG.info(() -> "One deployment for " + testClass.getName() + " and the test classes after it");
                generate.fire(new GenerateDeployment(new TestClass(SharedDeployment.class)));
                shared = scenario.get();
            } else {
                scenario.set(shared);
            }
            sharing = true;
        }

        public void deploy(@Observes EventContext<DeployManagedDeployments> context) {
            if (sharing && deployed) {
                return;
            }
            context.proceed();
            deployed |= sharing;
        }

        public void undeploy(@Observes EventContext<UnDeployManagedDeployments> context) {
            if (!sharing || undeploying) {
                context.proceed();
            }
        }

        /** After the last class: undeploying stops the shared Micro. */
        public void last(@Observes BeforeStop event) {
            if (!deployed) {
                return;
            }
            LOG.info("The last test class ran: undeploying the shared deployment");
            classContext.get().activate(SharedDeployment.class);
            try {
                scenario.set(shared);
                undeploying = true;
                undeploy.fire(new UnDeployManagedDeployments());
            } finally {
                undeploying = false;
                deployed = false;
                shared = null;
                classContext.get().deactivate();
                classContext.get().destroy(SharedDeployment.class);
            }
        }
    }
}
