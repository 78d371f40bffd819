-- The events of a verification started anywhere but the native API carry its `source`: "widget"
-- (CONTRACT §8) or "compat:<style>" (the compatibility routes of §12), whichever engine path writes
-- them (send, delivery, verify, expiry, webhooks read the stored row).
CREATE OR REPLACE FUNCTION "otpilot_event_source"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  origin text;
BEGIN
  IF NEW."verificationId" IS NOT NULL THEN
    SELECT "source" INTO origin FROM "Verification" WHERE "id" = NEW."verificationId";
    IF origin IS NOT NULL AND origin <> 'api' THEN
      NEW."data" := COALESCE(NEW."data", '{}'::jsonb) || jsonb_build_object('source', origin);
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
