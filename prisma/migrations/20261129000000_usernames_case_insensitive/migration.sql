-- Usernames are unique whatever their case: "Alice" and "alice" are one name, and /u/alice finds
-- exactly one account. Names keep the case they were registered with; lookups compare
-- lower(username) with the lower-cased name asked for (lib/users/queries.ts), through this index.
-- The case-sensitive "users_username_key" stays: schema.prisma's @unique declares it.
--
-- Names that already differ only in case cannot both keep their name, and which account loses
-- its name (and its profile address) is for a person to decide: the migration stops, lists
-- them, and changes nothing. Rename all but one of each group, then migrate again.
DO $$
DECLARE
  clashes text;
BEGIN
  SELECT string_agg(names, '; ') INTO clashes
  FROM (
    SELECT string_agg(format('%s (id %s)', username, id), ', ' ORDER BY id) AS names
    FROM users
    GROUP BY lower(username)
    HAVING count(*) > 1
  ) AS groups;
  IF clashes IS NOT NULL THEN
    RAISE EXCEPTION 'usernames that differ only in case: %. Rename all but one of each (UPDATE users SET username = ''...'' WHERE id = ...), then migrate again.', clashes;
  END IF;
END $$;

CREATE UNIQUE INDEX "users_username_lower_key" ON "users" (lower("username"));
