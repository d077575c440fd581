-- Which legacy system posted a JMS customer's messages: the broker user that sent them, as the broker vouches for
-- it (Artemis' populate-validated-user). Null for widget visitors, and where the broker does not say.
ALTER TABLE visitor ADD COLUMN source_system VARCHAR(100);
