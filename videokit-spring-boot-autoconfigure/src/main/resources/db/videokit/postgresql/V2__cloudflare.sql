-- Cloudflare Stream provider: who uploaded which video, and where its synchronisation stands.
create table videokit_cloudflare_video (
  uid           varchar(64)   not null primary key,
  creator       varchar(255),
  created       timestamp(6) with time zone not null,
  updated       timestamp(6) with time zone not null,
  sync_state    varchar(32)   not null,
  sync_note     varchar(1000),
  attempts      integer       not null,
  sync_started  timestamp(6) with time zone,
  replaces_uid  varchar(64),
  clip_uid      varchar(64)
);
create index videokit_cf_video_creator_idx on videokit_cloudflare_video (creator, created);

-- The webhook registered with Cloudflare (one per account) and its signing secret.
create table videokit_cloudflare_webhook (
  id                integer       not null primary key,
  notification_url  varchar(2048) not null,
  secret            varchar(512)  not null,
  modified          timestamp(6) with time zone not null
);

-- Accepted webhook deliveries, remembered for the tolerance window so that replays are refused.
create table videokit_cloudflare_webhook_delivery (
  replay_key  varchar(100) not null primary key,
  received    timestamp(6) with time zone not null
);
create index videokit_cf_delivery_received_idx on videokit_cloudflare_webhook_delivery (received);
