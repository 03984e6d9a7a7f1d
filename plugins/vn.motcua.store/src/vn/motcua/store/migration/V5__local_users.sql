-- MộtCửa Desk local cache, schema version 5: the staff who may work on this workstation. Passwords are not
-- here: a user's password unwraps their copy of the cache key in the key ring (motcua.keys), which is the
-- offline login check. Roles are a comma-separated list of vn.motcua.core.model.Role names.
CREATE TABLE local_user (
  username     VARCHAR(60)  PRIMARY KEY,
  full_name    VARCHAR(200) NOT NULL,
  agency_code  VARCHAR(40)  NOT NULL,
  roles        VARCHAR(200) NOT NULL,
  active       BOOLEAN      NOT NULL,
  updated_at   TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);
