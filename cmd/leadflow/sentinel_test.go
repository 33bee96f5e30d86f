package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"leadflow/internal/localsvc"
	"leadflow/internal/testenv"
)

func TestRedisConnOpt(t *testing.T) {
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
			got, err := redisConnOpt(tt.url, time.Second, 2*time.Second)
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

// TestSentinel runs the whole lead path through a Redis Sentinel: the
// roles find the master by asking the sentinel, as they would after a
// failover.
func TestSentinel(t *testing.T) {
	t.Parallel()
	bin, err := localsvc.FindRedisBin()
	if err != nil {
		t.Skip("redis-server not installed:", err)
	}
	master := testenv.OwnRedis(t)
	port, err := localsvc.FreePort()
	require.NoError(t, err)
	dir := t.TempDir()
	conf := filepath.Join(dir, "sentinel.conf")
	require.NoError(t, os.WriteFile(conf, fmt.Appendf(nil,
		"port %d\nbind 127.0.0.1\ndir %s\nsentinel monitor leadflow 127.0.0.1 %d 1\n", port, dir, master.Port()), 0o600))
	cmd := exec.Command(bin, conf, "--sentinel")
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	require.Eventually(t, func() bool {
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), 100*time.Millisecond)
		if err == nil {
			c.Close()
		}
		return err == nil
	}, 10*time.Second, 20*time.Millisecond, "sentinel did not start")

	b := setup(t, testenv.DatabaseURL(t), fmt.Sprintf("redis-sentinel://127.0.0.1:%d/1?master=leadflow", port))
	code, _ := b.get(t, "/readyz")
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, http.StatusAccepted, b.post(t, testSecret, "msg_sentinel", time.Now(), leadBody("ada@example.com", true)).Status)
	c := b.waitRouted(t, 1)
	require.Equal(t, 1, c["deals"])
	// The tasks went through the master the sentinel named, in DB 1.
	rdb := redis.NewClient(&redis.Options{Addr: fmt.Sprintf("127.0.0.1:%d", master.Port()), DB: 1})
	defer rdb.Close()
	n, err := rdb.Exists(context.Background(), "asynq:queues").Result()
	require.NoError(t, err)
	require.Equal(t, int64(1), n)
}
