package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
)

// clientFlags are the flags of every command that talks to a running sidecar.
type clientFlags struct {
	addr    *string
	token   *string
	output  *string
	timeout *time.Duration
}

func addClientFlags(fs *flag.FlagSet) clientFlags {
	return clientFlags{
		addr:    fs.String("addr", "127.0.0.1:7401", "gRPC address of the sidecar"),
		token:   fs.String("api-token", "", "the sidecar's API token"),
		output:  fs.String("o", "text", "output: text or json"),
		timeout: fs.Duration("timeout", 10*time.Second, "deadline of each call"),
	}
}

// dial connects to the sidecar; the returned context carries the token.
func (c clientFlags) dial() (*grpc.ClientConn, context.Context, error) {
	if *c.output != "text" && *c.output != "json" {
		return nil, nil, fmt.Errorf("-o %q: want text or json", *c.output)
	}
	conn, err := grpc.NewClient(*c.addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return nil, nil, err
	}
	ctx := context.Background()
	if *c.token != "" {
		ctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+*c.token)
	}
	return conn, ctx, nil
}

func (c clientFlags) json() bool { return *c.output == "json" }

var jsonOut = protojson.MarshalOptions{EmitUnpopulated: true}

// printJSON writes m as one line of JSON.
func printJSON(w io.Writer, m proto.Message) {
	b, _ := jsonOut.Marshal(m)
	fmt.Fprintln(w, string(b))
}

// fail reports a command's error and returns its exit status.
func fail(cmd string, err error) int {
	if st, ok := status.FromError(err); ok {
		fmt.Fprintf(os.Stderr, "outrigger %s: %s (%s)\n", cmd, st.Message(), st.Code())
	} else {
		fmt.Fprintf(os.Stderr, "outrigger %s: %v\n", cmd, err)
	}
	return 1
}
