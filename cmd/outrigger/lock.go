package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// killGrace is how long a command has to exit after SIGTERM when its lock is lost.
const killGrace = 5 * time.Second

// lockCommand runs a command while holding a lock: the fencing token is passed in
// OUTRIGGER_FENCING_TOKEN, the command is stopped if the lock is lost, and the
// exit status is the command's.
func lockCommand(args []string) int {
	fs := newFlags("lock", "NAME [flags] -- CMD [ARGS...]")
	cf := addClientFlags(fs)
	ttl := fs.Int("ttl", 15, "TTL in seconds of the session that holds the lock")
	wait := fs.Duration("wait", time.Minute, "how long to wait for the lock (0: try once)")
	positional, err := parseInterleaved(fs, args)
	if err != nil {
		return 2
	}
	if len(positional) < 2 {
		fs.Usage()
		return 2
	}
	name, argv := positional[0], positional[1:]
	conn, ctx, err := cf.dial()
	if err != nil {
		return fail("lock", err)
	}
	defer conn.Close()
	locks, sessions := pb.NewLockServiceClient(conn), pb.NewSessionServiceClient(conn)

	call, cancel := context.WithTimeout(ctx, *wait+*cf.timeout)
	grant, err := locks.Acquire(call, &pb.AcquireLockRequest{Name: name, TtlSeconds: int32(*ttl), WaitSeconds: wait.Seconds()})
	cancel()
	if err != nil {
		return fail("lock", err)
	}
	if !grant.Acquired {
		fmt.Fprintf(os.Stderr, "outrigger lock: %q not acquired within %s\n", name, *wait)
		return 1
	}
	defer func() {
		call, cancel := context.WithTimeout(ctx, *cf.timeout)
		defer cancel()
		sessions.Delete(call, &pb.DeleteSessionRequest{Id: grant.SessionId})
	}()

	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(),
		"OUTRIGGER_FENCING_TOKEN="+strconv.FormatInt(grant.FencingToken, 10),
		"OUTRIGGER_LOCK_SESSION="+strconv.FormatInt(grant.SessionId, 10))
	if err := cmd.Start(); err != nil {
		return fail("lock", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	lost := keepHeld(ctx, sessions, grant.SessionId, time.Duration(*ttl)*time.Second, *cf.timeout)

	for {
		select {
		case sig := <-signals:
			cmd.Process.Signal(sig)
		case why := <-lost:
			fmt.Fprintf(os.Stderr, "outrigger lock: lock %q lost (%s); stopping the command\n", name, why)
			cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-exited:
			case <-time.After(killGrace):
				cmd.Process.Kill()
				<-exited
			}
			return 1
		case err := <-exited:
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				return exit.ExitCode()
			}
			if err != nil {
				return fail("lock", err)
			}
			return 0
		}
	}
}

// keepHeld keeps a session alive every ttl/3 and reports on the returned channel
// when it is lost: the sidecar says it is gone, or no keep-alive succeeded for a ttl.
func keepHeld(ctx context.Context, sessions pb.SessionServiceClient, id int64, ttl, timeout time.Duration) <-chan string {
	lost := make(chan string, 1)
	go func() {
		lastOK := time.Now()
		ticker := time.NewTicker(ttl / 3)
		defer ticker.Stop()
		for range ticker.C {
			call, cancel := context.WithTimeout(ctx, min(timeout, ttl/3))
			_, err := sessions.KeepAlive(call, &pb.KeepAliveSessionRequest{Id: id})
			cancel()
			switch {
			case err == nil:
				lastOK = time.Now()
			case status.Code(err) == codes.NotFound:
				lost <- "its session ended"
				return
			case time.Since(lastOK) >= ttl:
				lost <- fmt.Sprintf("no keep-alive succeeded for %s: %v", ttl, err)
				return
			}
		}
	}()
	return lost
}
