package main

import "leadflow/internal/redisconn"

// redisConnOpt turns LEADFLOW_REDIS_URL into Asynq's connection options;
// see redisconn.Options.
var redisConnOpt = redisconn.Options
