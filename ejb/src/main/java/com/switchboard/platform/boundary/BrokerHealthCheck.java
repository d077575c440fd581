package com.switchboard.platform.boundary;

import com.switchboard.platform.control.MessagingResources;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

@Readiness
@ApplicationScoped
public class BrokerHealthCheck implements HealthCheck {

    @Resource(lookup = MessagingResources.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("broker");
        // Only a session makes the resource adapter really connect; a bare connection is created lazily.
        try (var connection = connectionFactory.createConnection(); var session = connection.createSession()) {
            var meta = connection.getMetaData();
            return response.up().withData("provider", meta.getJMSProviderName() + " " + meta.getProviderVersion())
                    .build();
        } catch (Exception e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
