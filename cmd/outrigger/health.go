package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

// healthCommand exits 0 when the local sidecar answers /readyz, else 1; it needs
// no shell tools, so container health checks can run it.
func healthCommand(args []string) int {
	fs := newFlags("health", "[flags]")
	addr := fs.String("http-addr", "127.0.0.1:7400", "address of the sidecar's JSON API")
	token := fs.String("api-token", "", "the sidecar's API token")
	timeout := fs.Duration("timeout", 3*time.Second, "deadline of the check")
	if err := parseFlags(fs, args); err != nil {
		return 2
	}
	req, err := http.NewRequest(http.MethodGet, "http://"+*addr+"/readyz", nil)
	if err != nil {
		return fail("health", err)
	}
	if *token != "" {
		req.Header.Set("Authorization", "Bearer "+*token)
	}
	resp, err := (&http.Client{Timeout: *timeout}).Do(req)
	if err != nil {
		return fail("health", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(os.Stderr, "outrigger health: %s: %s\n", resp.Status, strings.TrimSpace(string(body)))
		return 1
	}
	fmt.Println(strings.TrimSpace(string(body)))
	return 0
}
