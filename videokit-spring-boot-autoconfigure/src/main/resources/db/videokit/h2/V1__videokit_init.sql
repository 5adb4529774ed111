create table videokit_video (
  uid          varchar(32)  not null primary key,
  creator      varchar(255) not null,
  storage_key  varchar(1024),
  created      timestamp(6) with time zone not null,
  updated      timestamp(6) with time zone not null,
  version      bigint       not null,
  document     json         not null
);
create index videokit_video_creator_idx on videokit_video (creator, created);
create index videokit_video_created_idx on videokit_video (created);

create table videokit_watch_session (
  id             varchar(36)   not null primary key,
  video_uid      varchar(32),
  media_key      varchar(1024) not null,
  viewer_key     varchar(80)   not null,
  username       varchar(255),
  authenticated  boolean       not null,
  client_ip      varchar(64)   not null,
  user_agent     varchar(512),
  started        timestamp(6) with time zone not null,
  last_seen      timestamp(6) with time zone not null,
  bytes_served   bigint        not null,
  requests       integer       not null
);
create index videokit_watch_viewer_idx on videokit_watch_session (media_key, viewer_key, last_seen);
create index videokit_watch_video_idx on videokit_watch_session (video_uid, started);
create index videokit_watch_user_idx on videokit_watch_session (username, started);
create index videokit_watch_started_idx on videokit_watch_session (started);

-- db-scheduler's table (persistent, cluster-safe jobs)
create table if not exists scheduled_tasks (
  task_name            varchar(100) not null,
  task_instance        varchar(100) not null,
  task_data            blob,
  execution_time       timestamp(6) with time zone,
  picked               boolean      not null,
  picked_by            varchar(50),
  last_success         timestamp(6) with time zone,
  last_failure         timestamp(6) with time zone,
  consecutive_failures int,
  last_heartbeat       timestamp(6) with time zone,
  version              bigint       not null,
  priority             smallint,
  state                varchar(50),
  primary key (task_name, task_instance)
);
create index if not exists scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index if not exists scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
