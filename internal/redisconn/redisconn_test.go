package redisconn_test

import (
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"leadflow/internal/redisconn"
)

func TestOptions(t *testing.T) {
	tests := []struct {
		name, url string
		want      asynq.RedisConnOpt
		wantErr   string
	}{
		{"single server", "redis://:pw@127.0.0.1:6379/2",
			asynq.RedisClientOpt{Addr: "127.0.0.1:6379", Password: "pw", DB: 2, DialTimeout: time.Second, ReadTimeout: 2 * time.Second, WriteTimeout: 2 * time.Second}, ""},
		{"sentinel", "redis-sentinel://:pw@10.0.0.1:26379,10.0.0.2:26379/3?master=leadflow",
			asynq.RedisFailoverClientOpt{MasterName: "leadflow", SentinelAddrs: []string{"10.0.0.1:26379", "10.0.0.2:26379"}, Password: "pw",
				SentinelPassword: "pw", DB: 3, DialTimeout: time.Second, ReadTimeout: 2 * time.Second, WriteTimeout: 2 * time.Second}, ""},
		{"sentinel without master", "redis-sentinel://10.0.0.1:26379", nil, "needs ?master="},
		{"bad database", "redis-sentinel://10.0.0.1:26379/x?master=m", nil, "database number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := redisconn.Options(tt.url, time.Second, 2*time.Second)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				require.ErrorContains(t, err, "LEADFLOW_REDIS_URL")
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
}
