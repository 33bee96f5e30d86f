//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/httpapi"
	"leadflow/internal/node"
	"leadflow/internal/testenv"
)

// TestSlowBodiesBoundMemory is issue 14's memory exhaustion without
// credentials: hundreds of connections each send a webhook body of almost
// 1 MiB, unsigned, and stall before its last byte. Before the body budget
// each of them was buffered whole (io.ReadAll before Verify), ~1.15 MiB of
// heap per connection; now the bodies held at once are bounded by
// LEADFLOW_INTAKE_BODY_BUDGET (its default, 64 MiB, of which large bodies
// get three quarters), the rest are answered 503 before they are read,
// /healthz and a real signed webhook are still answered, and the process
// heap grows by about the budget, whatever the number of connections.
//
// The moment to measure is known without clocks: the server's sockets get
// a small receive buffer and the attackers a small send buffer, so an
// attacker's write returns only once the server has taken all but a few
// KiB of its body off the wire (or refused it) — with or without a budget.
func TestSlowBodiesBoundMemory(t *testing.T) {
	// Not parallel: it measures the heap of the whole test process.
	const (
		conns    = 600
		declared = httpapi.DefaultMaxBodyBytes // the largest body accepted
		budget   = httpapi.DefaultBodyBudget
		// held is how many maximum-size bodies the budget holds at once:
		// three quarters of it (bodybudget.go).
		held     = budget * 3 / 4 / declared
		maxConns = 512 // below the attack: the cap is engaged too
		// heapBound is the growth allowed: the budget plus what the held
		// connections cost, with room for the race detector; without the
		// budget the attack grows the heap by ~700 MiB.
		heapBound = 128 << 20
	)
	base := startSlowBodyServer(t, map[string]string{
		// Longer than the test: the held bodies stay held while measured.
		config.EnvBodyTimeout:    "30s",
		config.EnvHTTPMaxConns:   strconv.Itoa(maxConns),
		config.EnvLogLevel:       "error",
		config.EnvDatabaseURL:    testenv.DatabaseURL(t),
		config.EnvRedisURL:       testenv.RedisURL(t),
		config.EnvWebhookSecrets: testSecret,
	})
	before := heapInUse()

	head := fmt.Sprintf("POST /v1/webhooks/generic/website HTTP/1.1\r\nHost: leadflow\r\nContent-Type: application/json\r\n"+
		"Content-Length: %d\r\n\r\n", declared)
	body := bytes.Repeat([]byte("x"), declared-1) // all but the last byte
	dialer := net.Dialer{Control: setSockBuf(syscall.SO_SNDBUF)}
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		refused int        // answered 503 (or closed on) before the body was read
		open    []net.Conn // closed at the end
	)
	for range conns {
		conn, err := dialer.Dial("tcp", strings.TrimPrefix(base, "http://"))
		require.NoError(t, err)
		open = append(open, conn)
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := io.WriteString(conn, head)
			if err == nil {
				_, err = conn.Write(body)
			}
			if err == nil {
				// The server took the whole body but the last byte: it
				// buffers it, stalled, until the body timeout.
				return
			}
			// Refused: the server answered and closed without reading on.
			// The answer may be lost to the reset; when it is there, it is
			// a 503 with Retry-After.
			if res, rerr := http.ReadResponse(bufio.NewReader(conn), nil); rerr == nil {
				res.Body.Close()
				if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
					t.Errorf("a refused body was answered %d (Retry-After %q), want 503 with Retry-After", res.StatusCode, res.Header.Get("Retry-After"))
				}
			}
			mu.Lock()
			refused++
			mu.Unlock()
		}()
	}
	t.Cleanup(func() {
		for _, c := range open {
			c.Close()
		}
	})
	wg.Wait()
	after := heapInUse()
	growth := int64(after) - int64(before)
	t.Logf("%d stalled uploads of %d bytes: heap in use %d MiB -> %d MiB (+%d MiB); %d refused, %d held",
		conns, declared-1, before>>20, after>>20, growth>>20, refused, conns-refused)

	require.Less(t, growth, int64(heapBound), "heap growth with %d stalled uploads", conns)
	require.Equal(t, conns-held, refused, "every body beyond the budget is refused")
	inFlight := scrapeGauge(t, base, "leadflow_intake_buffered_body_bytes")
	require.Equal(t, float64(held*declared), inFlight, "the held bodies are reserved, and no more")
	require.LessOrEqual(t, inFlight, float64(budget))

	// The service still answers: health checks read no body, and a real
	// webhook is small, which the quarter of the budget kept for small
	// bodies admits however many large uploads are stalled.
	res, err := http.Get(base + "/healthz")
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	b := &testBundle{baseURL: base}
	got := b.post(t, testSecret, "msg_slowbody_real", time.Now(), leadBody("real@slowbody.example.com", false))
	require.Equal(t, http.StatusAccepted, got.Status, got.Body)
	// Another large body is refused at once, before it is read: 503 with
	// the usual JSON error and a Retry-After.
	res, err = http.Post(base+"/v1/webhooks/generic/website", "application/json", bytes.NewReader(bytes.Repeat([]byte("y"), 100<<10)))
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusServiceUnavailable, res.StatusCode)
	require.Equal(t, "30", res.Header.Get("Retry-After"), "the body timeout: every held body is gone by then")
	require.Equal(t, "application/json", res.Header.Get("Content-Type"))

	// Once the attackers hang up, their reservations are returned.
	for _, c := range open {
		c.Close()
	}
	require.Eventually(t, func() bool {
		return scrapeGauge(t, base, "leadflow_intake_buffered_body_bytes") == 0
	}, 10*time.Second, 10*time.Millisecond, "reservations returned")
}

// startSlowBodyServer runs the HTTP role on a listener whose connections
// have a small receive buffer (see TestSlowBodiesBoundMemory).
func startSlowBodyServer(t *testing.T, env map[string]string) string {
	t.Helper()
	cfg, err := config.Load(func(k string) string { return env[k] })
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	a, err := node.Open(ctx, cfg, node.Options{Version: version, Logs: io.Discard})
	require.NoError(t, err)
	lc := net.ListenConfig{Control: setSockBuf(syscall.SO_RCVBUF)}
	ln, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, ln, node.Roles{HTTP: true}) }()
	t.Cleanup(func() {
		cancel()
		<-done
		a.Close()
	})
	base := "http://" + ln.Addr().String()
	require.Eventually(t, func() bool {
		res, err := http.Get(base + "/healthz")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == http.StatusOK
	}, 20*time.Second, 20*time.Millisecond, "leadflow did not start")
	return base
}

// setSockBuf returns a socket Control function setting a 16 KiB buffer
// (SO_SNDBUF or SO_RCVBUF; accepted sockets inherit the listener's).
func setSockBuf(opt int) func(network, address string, c syscall.RawConn) error {
	return func(_, _ string, c syscall.RawConn) error {
		var serr error
		err := c.Control(func(fd uintptr) { serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, opt, 16<<10) })
		if err != nil {
			return err
		}
		return serr
	}
}

// heapInUse returns the bytes of live heap and goroutine stacks after a
// collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse + m.StackInuse
}

// scrapeGauge reads one unlabelled series from /metrics.
func scrapeGauge(t *testing.T, base, name string) float64 {
	t.Helper()
	res, err := http.Get(base + "/metrics")
	require.NoError(t, err)
	defer res.Body.Close()
	text, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	for line := range strings.Lines(string(text)) {
		if v, ok := strings.CutPrefix(line, name+" "); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			require.NoError(t, err)
			return f
		}
	}
	t.Fatalf("%s not in /metrics", name)
	return 0
}
