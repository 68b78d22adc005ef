#!/usr/bin/env bash
# A throwaway certificate authority for the tests, made with openssl when they run:
# no key is ever committed.
#   test_ca.sh DIR init                    DIR/ca.pem and DIR/ca.key
#   test_ca.sh DIR issue NAME SPIFFE_ID    DIR/NAME.pem and DIR/NAME.key, signed by
#                                          DIR's CA, for server and client use, with
#                                          SANs URI:SPIFFE_ID, DNS:localhost and
#                                          IP:127.0.0.1 (so it serves on loopback)
set -euo pipefail
dir=$1
cd "$dir"
case $2 in
  init)
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
      -keyout ca.key -out ca.pem -days 2 -subj "/CN=rakor test CA $RANDOM" \
      -addext basicConstraints=critical,CA:TRUE \
      -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
    ;;
  issue)
    name=$3
    spiffe=$4
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
      -keyout "$name.key.new" -out "$name.csr" -subj "/CN=$name" 2>/dev/null
    printf 'subjectAltName=URI:%s,DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\nbasicConstraints=CA:FALSE\n' \
      "$spiffe" >"$name.ext"
    openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
      -extfile "$name.ext" -out "$name.pem.new" 2>/dev/null
    # Each file replaced whole (a rename), as a Kubernetes secret's mount is.
    mv "$name.key.new" "$name.key"
    mv "$name.pem.new" "$name.pem"
    rm -f "$name.csr" "$name.ext"
    ;;
  *)
    echo "usage: test_ca.sh DIR init | issue NAME SPIFFE_ID" >&2
    exit 2
    ;;
esac
