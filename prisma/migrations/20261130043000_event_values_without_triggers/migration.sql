-- Hand-written: an event's mode and its `source: "widget"` are written by the code that inserts it
-- (it holds the verification, or fills them in the same INSERT … SELECT: lib/events), instead of two
-- BEFORE INSERT triggers that each looked the verification up again for every event.
DROP TRIGGER IF EXISTS "Event_mode_of_verification" ON "Event";
DROP FUNCTION IF EXISTS "otpilot_event_mode"();
DROP TRIGGER IF EXISTS "Event_source" ON "Event";
DROP FUNCTION IF EXISTS "otpilot_event_source"();
