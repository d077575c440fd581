package com.switchboard.conversation.entity;

import org.eclipse.persistence.config.DescriptorCustomizer;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.mappings.AggregateObjectMapping;

/**
 * Reads each embeddable of an entity as an object even when all its columns are null (JPA's default reads it as
 * null), so the entity's transitions need no null checks. The entity never sets one to null.
 */
public class EmbeddablesNeverNull implements DescriptorCustomizer {

    @Override
    public void customize(ClassDescriptor descriptor) {
        for (var mapping : descriptor.getMappings()) {
            if (mapping instanceof AggregateObjectMapping embedded) {
                embedded.setIsNullAllowed(false);
            }
        }
    }
}
