-- 011_scenes.sql: how each follower came (user/info's subscribe_scene and
-- qr_scene_str): a follow through a parametric QR code, or from a search
-- of the account; someone who only wrote is ADD_SCENE_OTHERS.
ALTER TABLE sim_users
  ADD COLUMN subscribe_scene VARCHAR(40) NOT NULL DEFAULT 'ADD_SCENE_OTHERS',
  ADD COLUMN qr_scene_str VARCHAR(64) NOT NULL DEFAULT '';
