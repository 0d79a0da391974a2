-- The business types every installation starts with (admins add more with createBusinessType).
INSERT INTO "business_types" ("code", "label") VALUES
  ('TECHNICAL', 'Technical'),
  ('CONSTRUCTION', 'Construction'),
  ('REAL_ESTATE', 'Real estate'),
  ('CLEANING', 'Cleaning'),
  ('LEGAL', 'Legal'),
  ('IT', 'IT'),
  ('OTHER', 'Other')
ON CONFLICT ("code") DO NOTHING;
