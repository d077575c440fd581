package com.switchboard.persistence.boundary;

import com.switchboard.persistence.control.FreeSpace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN while the storage is almost full ({@link FreeSpace}): a balancer sends new visitors elsewhere. */
@Readiness
@ApplicationScoped
public class StorageHealthCheck implements HealthCheck {

    @Inject
    FreeSpace freeSpace;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("storage");
        try {
            var reading = freeSpace.read();
            return response.status(!reading.tooLow()).withData("folder", reading.folder().toString())
                    .withData("freeMb", reading.usableBytes() / (1024 * 1024))
                    .withData("minimumFreeMb", reading.minimumBytes() / (1024 * 1024)).build();
        } catch (RuntimeException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
