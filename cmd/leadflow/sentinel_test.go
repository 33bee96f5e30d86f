package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"
	"github.com/stretchr/testify/require"

	"leadflow/internal/localsvc"
	"leadflow/internal/testenv"
)

// TestSentinel runs the whole lead path through a Redis Sentinel: the
// roles find the master by asking the sentinel, as they would after a
// failover.
func TestSentinel(t *testing.T) {
	t.Parallel()
	bin, err := localsvc.FindRedisBin()
	if err != nil {
		testenv.Missing(t, "redis-server not installed (apt-get install redis-server): %v", err)
	}
	master := testenv.OwnRedis(t)
	port := startSentinel(t, bin, master.Port())

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

// startSentinel runs a Redis Sentinel watching the master on masterPort and
// returns its port. A sentinel cannot bind port 0, so it gets a port that
// was free a moment ago; when something took that port first the sentinel
// exits (or another server answers there), and it is started again on
// another port. The sentinel is told apart from a stranger on its port by
// the process id it reports.
func startSentinel(t *testing.T, bin string, masterPort int) int {
	t.Helper()
	dir := t.TempDir()
	for attempt := 1; ; attempt++ {
		port, err := localsvc.FreePort()
		require.NoError(t, err)
		conf := filepath.Join(dir, fmt.Sprintf("sentinel-%d.conf", attempt))
		require.NoError(t, os.WriteFile(conf, fmt.Appendf(nil,
			"port %d\nbind 127.0.0.1\ndir %s\nsentinel monitor leadflow 127.0.0.1 %d 1\n", port, dir, masterPort), 0o600))
		var out lockedBuffer
		cmd := exec.Command(bin, conf, "--sentinel")
		cmd.Stdout, cmd.Stderr = &out, &out
		require.NoError(t, cmd.Start())
		exited := make(chan struct{})
		go func() { _ = cmd.Wait(); close(exited) }()
		t.Cleanup(func() { _ = cmd.Process.Kill(); <-exited })
		rdb := redis.NewClient(&redis.Options{Addr: fmt.Sprintf("127.0.0.1:%d", port), MaxRetries: -1, DisableIdentity: true,
			MaintNotificationsConfig: &maintnotifications.Config{Mode: maintnotifications.ModeDisabled}})
		ours := false
		require.Eventually(t, func() bool {
			select {
			case <-exited:
				return true
			default:
			}
			info, err := rdb.Info(context.Background(), "server").Result()
			if err != nil {
				return false
			}
			ours = strings.Contains(info, fmt.Sprintf("process_id:%d\r\n", cmd.Process.Pid))
			return true
		}, 20*time.Second, 20*time.Millisecond, "sentinel did not start:\n%s", out.String())
		_ = rdb.Close()
		if ours {
			return port
		}
		_ = cmd.Process.Kill()
		<-exited
		require.Less(t, attempt, 3, "sentinel could not bind a port:\n%s", out.String())
		t.Logf("sentinel: port %d was taken, retrying on another", port)
	}
}
