-- Live broadcasts (videokit-broadcast's DefaultBroadcast). The publisher's secret is never stored:
-- secret_hash is its SHA-256 (hex), cleared when the broadcast stops.
create table videokit_broadcast (
  id              varchar(32)   not null primary key,
  name            varchar(200)  not null,
  owner           varchar(255)  not null,
  live            boolean       not null,
  start_date      timestamp(6) with time zone not null,
  stop_date       timestamp(6) with time zone,
  storage_prefix  varchar(1024) not null,
  kind            varchar(20)   not null,
  secret_hash     varchar(64),
  live_manifest   varchar(1024) not null,
  event_manifest  varchar(1024) not null,
  version         bigint        not null
);
create index videokit_broadcast_owner_idx on videokit_broadcast (owner, live, start_date);
create index videokit_broadcast_start_idx on videokit_broadcast (start_date);
