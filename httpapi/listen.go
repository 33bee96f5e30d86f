package httpapi

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"golang.org/x/net/netutil"
)

// ServeConfig is how Serve runs an HTTP server.
type ServeConfig struct {
	// MaxConns caps the open connections (LEADFLOW_HTTP_MAX_CONNS); 0
	// means no cap.
	MaxConns int
	// Pprof mounts the profiler under /debug/pprof/ (LEADFLOW_DEBUG_PPROF).
	Pprof bool
	// Logger; default slog.Default().
	Logger *slog.Logger
}

// Serve serves h on ln until ctx ends, then shuts down gracefully within
// 10 s.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, c ServeConfig) error {
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Pprof {
		mux := http.NewServeMux()
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.Handle("/", h)
		h = mux
	}
	// Read timeouts bound slow-loris senders; WriteTimeout stays above the
	// intake's store (5 s) and enqueue (2 s) bounds. IdleTimeout outlives a
	// load balancer's usual 60 s keep-alive so the balancer closes first
	// (no 502 on a reused, just-closed connection). Webhook headers are a
	// few signatures: 64 KiB instead of the 1 MiB default.
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second,
		IdleTimeout: 75 * time.Second, MaxHeaderBytes: 64 << 10}
	// The connection cap bounds what the connections themselves cost (a
	// goroutine, buffers, up to 64 KiB of headers each), as the body budget
	// bounds their bodies: past it new connections wait in the kernel's
	// accept queue until one closes.
	if c.MaxConns > 0 {
		ln = netutil.LimitListener(ln, c.MaxConns)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	c.Logger.Info("http listening", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("http shutdown: %w", err)
	}
	return nil
}
