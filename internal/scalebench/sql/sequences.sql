-- Moves the identity sequences past the computed ids, so the product's
-- next insert gets a fresh one.
SELECT setval(pg_get_serial_sequence('contacts', 'id'), GREATEST((SELECT max(id) FROM contacts), 1));
SELECT setval(pg_get_serial_sequence('inbound_events', 'id'), GREATEST((SELECT max(id) FROM inbound_events), 1));
SELECT setval(pg_get_serial_sequence('touchpoints', 'id'), GREATEST((SELECT max(id) FROM touchpoints), 1));
SELECT setval(pg_get_serial_sequence('deals', 'id'), GREATEST((SELECT max(id) FROM deals), 1));
SELECT setval(pg_get_serial_sequence('nurture_enrollments', 'id'), GREATEST((SELECT max(id) FROM nurture_enrollments), 1));
