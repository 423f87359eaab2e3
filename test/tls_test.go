package test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/outrigger/outrigger/internal/proctest"
)

// testCA writes a CA and one certificate it signs (for 127.0.0.1, usable by
// servers and clients) into dir, and returns the flags that use them for peers.
func testCA(t *testing.T, dir string) []string {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "outrigger test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		KeyUsage: x509.KeyUsageCertSign, BasicConstraintsValid: true}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "member"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, _ := x509.MarshalECPrivateKey(key)
	write := func(name, typ string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: b}), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	return []string{
		"--peer-trusted-ca-file", write("ca.pem", "CERTIFICATE", caDER),
		"--peer-cert-file", write("member.pem", "CERTIFICATE", der),
		"--peer-key-file", write("member-key.pem", "EC PRIVATE KEY", keyDER),
	}
}

func TestPeerMutualTLS(t *testing.T) {
	good := testCA(t, t.TempDir())
	ms := staticCluster(t, 3, good...)
	mustCall(t, 200, ms[0].url(), "PUT", "/v1/config/k", `{"value":"over mTLS"}`)
	if got := mustCall(t, 200, ms[2].url(), "GET", "/v1/config/k", ""); got["value"] != "over mTLS" {
		t.Fatalf("n3 reads %v", got)
	}

	// A member whose certificate another CA signed cannot join, and leaves no member behind.
	wrong := testCA(t, t.TempDir())
	intruder := newMember(t, "intruder", append(wrong, "--join="+ms[0].url(), "--role", "learner", "--start-timeout", "8s")...)
	out, code := proctest.Run(t, 90*time.Second, nil, intruder.args()...)
	if code == 0 {
		t.Fatalf("a member with a certificate from another CA joined:\n%s", out)
	}
	if !strings.Contains(out, "removed again") {
		t.Fatalf("the failed join does not say it cleaned up:\n%s", out)
	}
	if v, l, names := roles(t, ms[0]); v != 3 || l != 0 {
		t.Fatalf("after the refused join: %v: %d voters, %d learners", names, v, l)
	}
}
