-- The membership read of every request (server/services/membership.ts) in ONE statement instead of a
-- transaction of four (begin, set_config, select, commit). Security invoker: inside, the role becomes the
-- app role and app.user_id the person, both local to the caller's transaction (the implicit one of a lone
-- statement), so row-level security applies to the select exactly as in withUser.
CREATE OR REPLACE FUNCTION xs_active_memberships(p_user uuid)
RETURNS TABLE (org_id uuid, user_id uuid, role text, require_2fa boolean, totp_enabled_at timestamptz)
LANGUAGE plpgsql VOLATILE SECURITY INVOKER AS $$
BEGIN
  PERFORM set_config('role', 'xieshang_app', true), set_config('app.org_id', '', true), set_config('app.user_id', p_user::text, true);
  RETURN QUERY
    SELECT m.org_id, m.user_id, m.role, o.require_2fa, u.totp_enabled_at
    FROM memberships m
    JOIN organizations o ON o.id = m.org_id
    JOIN users u ON u.id = m.user_id
    WHERE m.user_id = p_user AND m.deactivated_at IS NULL
    ORDER BY m.created_at;
END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION xs_active_memberships(uuid) TO xieshang_app;
