package robustness

import (
	"bufio"
	"io"
	"math/rand"
	"net"
	"strings"
	"sync"
	"time"
)

// proxy forwards the peer traffic sent to one etcd member: the member advertises
// the proxy's address as its peer URL, so every connection another member opens to
// it comes through here. etcd's peer transport names the sending member in the
// X-Server-From header of each request, and a connection only ever carries one
// sender's requests, so the proxy can cut, slow or break the traffic of chosen
// senders as well as all of it.
type proxy struct {
	target string // the member's real peer listener
	ln     net.Listener
	seed   int64

	mu      sync.Mutex
	all     bool            // blackhole every connection
	from    map[string]bool // blackhole connections from these senders (member ids, hex)
	delay   time.Duration   // added before each forwarded chunk
	drop    float64         // chance that a chunk breaks its connection
	conns   map[*pconn]bool
	dropped int // connections broken by the drop rule
	rnd     *rand.Rand
	closed  bool
}

type pconn struct {
	from           string
	client, server net.Conn
	once           sync.Once
}

func (c *pconn) close() {
	c.once.Do(func() {
		c.client.Close()
		if c.server != nil {
			c.server.Close()
		}
	})
}

func newProxy(target string, seed int64) (*proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &proxy{target: target, ln: ln, from: map[string]bool{}, conns: map[*pconn]bool{}, rnd: rand.New(rand.NewSource(seed))}
	go p.serve()
	return p, nil
}

func (p *proxy) addr() string { return p.ln.Addr().String() }

func (p *proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		go p.handle(c)
	}
}

func (p *proxy) blocked(from string) bool { return p.all || p.from[from] }

// handle reads the first request's header to learn the sender, then forwards the
// connection both ways, or holds it silently while its sender is blackholed.
func (p *proxy) handle(client net.Conn) {
	client.SetReadDeadline(time.Now().Add(10 * time.Second))
	br := bufio.NewReader(client)
	var head strings.Builder
	from := ""
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			client.Close()
			return
		}
		head.WriteString(line)
		if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "X-Server-From") {
			from = strings.TrimSpace(v)
		}
		if line == "\r\n" || line == "\n" {
			break
		}
	}
	client.SetReadDeadline(time.Time{})
	c := &pconn{from: from, client: client}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		client.Close()
		return
	}
	p.conns[c] = true
	hold := p.blocked(from)
	p.mu.Unlock()
	defer func() {
		c.close()
		p.mu.Lock()
		delete(p.conns, c)
		p.mu.Unlock()
	}()
	if hold {
		// A blackhole: the connection stays open and nothing comes back.
		io.Copy(io.Discard, br)
		return
	}
	server, err := net.DialTimeout("tcp", p.target, 5*time.Second)
	if err != nil {
		return
	}
	c.server = server
	if _, err := server.Write([]byte(head.String())); err != nil {
		return
	}
	done := make(chan struct{}, 2)
	go func() { p.pipe(c, server, br); done <- struct{}{} }()
	go func() { p.pipe(c, client, server); done <- struct{}{} }()
	<-done
}

// pipe copies src to dst chunk by chunk, applying the rules in force.
func (p *proxy) pipe(c *pconn, dst io.Writer, src io.Reader) {
	defer c.close()
	buf := make([]byte, 32*1024)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			p.mu.Lock()
			blocked, delay := p.blocked(c.from), p.delay
			drop := p.drop > 0 && p.rnd.Float64() < p.drop
			if drop {
				p.dropped++
			}
			p.mu.Unlock()
			if blocked || drop {
				return
			}
			if delay > 0 {
				time.Sleep(delay)
			}
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// cut closes the open connections that the rules now blackhole.
func (p *proxy) cutLocked() {
	for c := range p.conns {
		if p.blocked(c.from) {
			go c.close()
		}
	}
}

// blackholeAll drops every connection to the member, and holds new ones silently.
func (p *proxy) blackholeAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.all = true
	p.cutLocked()
}

// blackholeFrom does the same for the connections the given members open.
func (p *proxy) blackholeFrom(ids ...string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, id := range ids {
		p.from[id] = true
	}
	p.cutLocked()
}

// setDelay slows every chunk forwarded by d.
func (p *proxy) setDelay(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.delay = d
}

// setDrop breaks a connection at a forwarded chunk with probability f.
func (p *proxy) setDrop(f float64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.drop = f
}

// heal lifts every rule and closes the held connections so their senders dial again.
func (p *proxy) heal() {
	p.mu.Lock()
	defer p.mu.Unlock()
	held := p.all || len(p.from) > 0
	p.all, p.from, p.delay, p.drop = false, map[string]bool{}, 0, 0
	if held {
		for c := range p.conns {
			go c.close()
		}
	}
}

func (p *proxy) close() {
	p.mu.Lock()
	p.closed = true
	for c := range p.conns {
		go c.close()
	}
	p.mu.Unlock()
	p.ln.Close()
}
