#!/usr/bin/env python3
"""Policy check of rendered rakor Kubernetes manifests (k8s/README.md).

Reads the multi-document YAML that `kubectl kustomize` prints (a file, or stdin
with "-" or no argument) and checks, for every workload (Deployment, StatefulSet,
DaemonSet, ReplicaSet, Job, CronJob) and every container and initContainer in it:

  pod-security   runAsNonRoot, seccomp RuntimeDefault, no privilege escalation,
                 read-only root filesystem, capabilities drop ALL, not privileged,
                 no host namespaces
  probes         readiness and liveness; gRPC servers (those given --health_listen)
                 probe that port with native gRPC probes; a startup probe of at
                 least 60 s where migrations or seeds run first
  resources      requests.cpu, requests.memory, limits.memory, limit >= request
  lifecycle      no service account token, a preStop hook, a grace period longer
                 than preStop plus the 5 s drain, a writable emptyDir /tmp
  images         a tag or digest, never :latest
  transport      exactly one of mutual TLS (from a mounted Secret) or
                 --insecure_development; no password in --database; PGPASSWORD from
                 a Secret
  metrics        Prometheus annotations naming the --metrics_listen port
  availability   every Deployment or StatefulSet of 2+ replicas has a
                 PodDisruptionBudget that selects its pods and lets one go, and
                 topology spread over zones and nodes
  services       every Service selects some workload's pods, and each targetPort
                 names a port those pods declare
  network        a default-deny policy selects every rakor pod; every
                 NetworkPolicy selects some workload's pods (or the CloudNativePG
                 instances of a Cluster here)
  call-graph     the NetworkPolicies, evaluated: the calls of shared/DESIGN.md are
                 allowed and a list of others is refused
  certificates   each mounted TLS Secret comes from a Certificate of a known Issuer,
                 with the role's SPIFFE ID and the names of the Services it serves
  labels         app.kubernetes.io/part-of: rakor on every object and pod
  overlay        what --overlay production|dev and --expect-kind KIND=N expect

It prints one line per group and ends with "N passed, M failed"; it exits 1 if any
check failed. --self-test feeds it small broken manifests and exits 1 unless each
is refused (and a sound one is accepted).

Needs python3 and PyYAML (Debian: python3-yaml), nothing else.
"""

import argparse
import copy
import ipaddress
import re
import sys

import yaml

WORKLOAD_KINDS = ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob")
ROLES = ("registry", "scheduling", "reporting", "dashboard")
PART_OF = "app.kubernetes.io/part-of"
# Kinds that live outside namespaces (the ones that could appear here).
CLUSTER_SCOPED = {"Namespace", "ClusterIssuer", "ClusterRole", "ClusterRoleBinding",
                  "CustomResourceDefinition", "PersistentVolume", "StorageClass",
                  "PriorityClass", "ClusterImageCatalog"}
# The binaries whose process is a gRPC server (services/common/server.cc).
GRPC_SERVERS = {"rakor-registry", "rakor-scheduling", "rakor-reporting", "rakor-server"}
# The drain after SIGTERM (README.md: "drains in-flight calls for up to 5 s").
DRAIN_SECONDS = 5
GROUPS = ("labels", "pod-security", "probes", "resources", "lifecycle", "images",
          "transport", "metrics", "availability", "services", "network", "call-graph",
          "certificates", "overlay")


# ----------------------------------------------------------------------------
# Small helpers


def get(obj, *path, default=None):
    """obj[path[0]][path[1]]..., or default where any step is missing."""
    for key in path:
        if isinstance(obj, dict) and key in obj and obj[key] is not None:
            obj = obj[key]
        elif isinstance(obj, (list, tuple)) and isinstance(key, int) and -len(obj) <= key < len(obj):
            obj = obj[key]
        else:
            return default
    return obj


def name_of(obj):
    return f"{obj.get('kind')}/{get(obj, 'metadata', 'name', default='?')}"


_QUANTITY = re.compile(r"^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)([a-zA-Z]*)$")
_SUFFIX = {"": 1, "n": 1e-9, "u": 1e-6, "m": 1e-3, "k": 1e3, "M": 1e6, "G": 1e9,
           "T": 1e12, "P": 1e15, "E": 1e18, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30,
           "Ti": 2**40, "Pi": 2**50, "Ei": 2**60}


def quantity(value):
    """A Kubernetes resource quantity ("250m", "512Mi", 1) as a number, or None."""
    match = _QUANTITY.match(str(value).strip())
    if not match or match.group(2) not in _SUFFIX:
        return None
    try:
        return float(match.group(1)) * _SUFFIX[match.group(2)]
    except ValueError:
        return None


def selector_matches(selector, labels):
    """A LabelSelector (matchLabels, matchExpressions) against a label map.
    An empty selector matches everything; None matches nothing."""
    if selector is None:
        return False
    labels = labels or {}
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != str(value):
            return False
    for expr in selector.get("matchExpressions") or []:
        key, op, values = expr.get("key"), expr.get("operator"), [str(v) for v in expr.get("values") or []]
        if op == "In" and labels.get(key) not in values:
            return False
        if op == "NotIn" and key in labels and labels[key] in values:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
        if op not in ("In", "NotIn", "Exists", "DoesNotExist"):
            return False
    return True


def flag_values(args, flag):
    """The values of --flag=VALUE (or --flag VALUE) in an argument list."""
    values = []
    for i, arg in enumerate(args):
        if arg.startswith(f"--{flag}="):
            values.append(arg.split("=", 1)[1])
        elif arg == f"--{flag}" and i + 1 < len(args) and not args[i + 1].startswith("--"):
            values.append(args[i + 1])
    return values


def has_flag(args, flag):
    return any(a == f"--{flag}" or a.startswith(f"--{flag}=") for a in args)


def port_of(address):
    """The port of HOST:PORT, as an int, or None."""
    try:
        return int(str(address).rsplit(":", 1)[1])
    except (IndexError, ValueError):
        return None


# ----------------------------------------------------------------------------
# The rendered objects, and the pods their workloads run


class Pod:
    """A workload's pod template, as the checks see it."""

    def __init__(self, workload, template):
        self.workload = workload
        self.name = name_of(workload)
        self.namespace = get(workload, "metadata", "namespace", default="default")
        self.labels = get(template, "metadata", "labels", default={}) or {}
        self.annotations = get(template, "metadata", "annotations", default={}) or {}
        self.spec = get(template, "spec", default={}) or {}
        self.containers = list(self.spec.get("containers") or [])
        self.init_containers = list(self.spec.get("initContainers") or [])
        # Named ports of all containers: name -> (number, protocol).
        self.ports = {}
        self.port_numbers = set()
        for c in self.containers:
            for p in c.get("ports") or []:
                entry = (p.get("containerPort"), p.get("protocol", "TCP"))
                self.port_numbers.add(entry)
                if p.get("name"):
                    self.ports[p["name"]] = entry
        self.ns_labels = {"kubernetes.io/metadata.name": self.namespace}
        self.ip = None
        self.is_pod = True

    def roles(self):
        return [r for r in ROLES if self.labels.get(f"rakor/{r}") == "serving"]

    def volume(self, name):
        for v in self.spec.get("volumes") or []:
            if v.get("name") == name:
                return v
        return None


def pod_template(obj):
    if obj.get("kind") == "CronJob":
        return get(obj, "spec", "jobTemplate", "spec", "template", default={})
    return get(obj, "spec", "template", default={})


def binary(container):
    """The program a container runs: the basename of command[0], else of the image."""
    command = container.get("command") or []
    if command:
        return str(command[0]).rsplit("/", 1)[-1]
    return ""


def is_rakor(container):
    return binary(container).startswith("rakor")


class Endpoint:
    """Something outside the rendered workloads that sends or receives traffic."""

    def __init__(self, name, namespace=None, labels=None, ports=None, ip=None):
        self.name = name
        self.namespace = namespace
        self.labels = labels or {}
        self.ns_labels = {"kubernetes.io/metadata.name": namespace} if namespace else {}
        self.ports = ports or {}
        self.ip = ip
        self.is_pod = namespace is not None

    def roles(self):
        return []


# ----------------------------------------------------------------------------
# NetworkPolicy evaluation (the semantics of networking.k8s.io/v1)


def policy_types(policy):
    spec = policy.get("spec") or {}
    if spec.get("policyTypes"):
        return spec["policyTypes"]
    return ["Ingress"] + (["Egress"] if "egress" in spec else [])


def peer_matches(peer, policy_ns, endpoint):
    if "ipBlock" in peer:
        # ipBlock is meant for addresses outside the cluster; pods are not matched.
        if endpoint.ip is None:
            return False
        block = peer["ipBlock"]
        address = ipaddress.ip_address(endpoint.ip)
        if address not in ipaddress.ip_network(block["cidr"], strict=False):
            return False
        return not any(address in ipaddress.ip_network(e, strict=False) for e in block.get("except") or [])
    if not endpoint.is_pod:
        return False
    ns_selector = peer.get("namespaceSelector")
    if ns_selector is None:
        ns_ok = endpoint.namespace == policy_ns
    else:
        ns_ok = selector_matches(ns_selector, endpoint.ns_labels)
    pod_selector = peer.get("podSelector")
    pod_ok = pod_selector is None or selector_matches(pod_selector, endpoint.labels)
    return ns_ok and pod_ok


def port_matches(rule_ports, port, protocol, target):
    if not rule_ports:
        return True
    for p in rule_ports:
        if p.get("protocol", "TCP") != protocol:
            continue
        value = p.get("port")
        if value is None:
            return True
        if isinstance(value, str) and not value.isdigit():
            resolved = target.ports.get(value)
            if resolved and resolved[0] == port and resolved[1] == protocol:
                return True
            continue
        if int(value) <= port <= int(p.get("endPort", value)):
            return True
    return False


def selects(policy, endpoint):
    return (endpoint.is_pod and get(policy, "metadata", "namespace", default="default") == endpoint.namespace
            and selector_matches(get(policy, "spec", "podSelector", default={}), endpoint.labels))


def flow_allowed(policies, src, dst, port, protocol="TCP"):
    """Whether NetworkPolicies let src open port/protocol on dst."""
    def side(direction, field, peer_key, subject, other, target):
        relevant = [p for p in policies if direction in policy_types(p) and selects(p, subject)]
        if not relevant:
            return True  # not isolated in this direction
        for policy in relevant:
            ns = get(policy, "metadata", "namespace", default="default")
            for rule in get(policy, "spec", field, default=[]) or []:
                peers = rule.get(peer_key)
                if peers and not any(peer_matches(peer, ns, other) for peer in peers):
                    continue
                if port_matches(rule.get("ports"), port, protocol, target):
                    return True
        return False

    return (side("Egress", "egress", "to", src, dst, dst)
            and side("Ingress", "ingress", "from", dst, src, dst))


# ----------------------------------------------------------------------------
# The checks


class Results:
    def __init__(self):
        self.passed = {g: 0 for g in GROUPS}
        self.failures = {g: [] for g in GROUPS}

    def check(self, group, ok, message):
        if ok:
            self.passed[group] += 1
        else:
            self.failures[group].append(message)
        return ok

    def total(self):
        return sum(self.passed.values()), sum(len(f) for f in self.failures.values())


class Manifests:
    def __init__(self, docs):
        self.docs = [d for d in docs if isinstance(d, dict) and d.get("kind")]
        self.workloads = [d for d in self.docs if d["kind"] in WORKLOAD_KINDS]
        self.pods = [Pod(w, pod_template(w)) for w in self.workloads]
        self.policies = self.of("NetworkPolicy")
        # The instances CloudNativePG runs for each Cluster (label cnpg.io/cluster).
        self.db_pods = [
            Endpoint(f"postgres of {name_of(c)}", get(c, "metadata", "namespace", default="default"),
                     {"cnpg.io/cluster": get(c, "metadata", "name"), "cnpg.io/instanceRole": "primary"},
                     {"postgresql": (5432, "TCP"), "status": (8000, "TCP"), "metrics": (9187, "TCP")})
            for c in self.of("Cluster")
        ]

    def of(self, kind):
        return [d for d in self.docs if d["kind"] == kind]


def all_containers(pod):
    return [("container", c) for c in pod.containers] + [("initContainer", c) for c in pod.init_containers]


def check_labels(m, r, namespace):
    for d in m.docs:
        r.check("labels", get(d, "metadata", "labels", PART_OF) == "rakor",
                f"{name_of(d)}: no label {PART_OF}: rakor")
        if d["kind"] not in CLUSTER_SCOPED and namespace:
            r.check("labels", get(d, "metadata", "namespace") == namespace,
                    f"{name_of(d)}: namespace {get(d, 'metadata', 'namespace')!r}, not {namespace!r}")
    for pod in m.pods:
        r.check("labels", pod.labels.get(PART_OF) == "rakor",
                f"{pod.name}: pod template has no label {PART_OF}: rakor "
                "(the default-deny NetworkPolicy selects on it)")


def check_pod_security(m, r):
    for pod in m.pods:
        psc = pod.spec.get("securityContext") or {}
        for host in ("hostNetwork", "hostPID", "hostIPC"):
            r.check("pod-security", not pod.spec.get(host), f"{pod.name}: {host} is set")
        for kind, c in all_containers(pod):
            where = f"{pod.name} {kind} {c.get('name')}"
            csc = c.get("securityContext") or {}
            non_root = csc.get("runAsNonRoot", psc.get("runAsNonRoot"))
            r.check("pod-security", non_root is True, f"{where}: runAsNonRoot is not true")
            user = csc.get("runAsUser", psc.get("runAsUser"))
            r.check("pod-security", user != 0, f"{where}: runAsUser is 0 (root)")
            seccomp = get(csc, "seccompProfile", "type") or get(psc, "seccompProfile", "type")
            r.check("pod-security", seccomp == "RuntimeDefault",
                    f"{where}: seccompProfile is {seccomp!r}, not RuntimeDefault")
            r.check("pod-security", csc.get("allowPrivilegeEscalation") is False,
                    f"{where}: allowPrivilegeEscalation is not false")
            r.check("pod-security", csc.get("readOnlyRootFilesystem") is True,
                    f"{where}: readOnlyRootFilesystem is not true")
            r.check("pod-security", "ALL" in (get(csc, "capabilities", "drop") or []),
                    f"{where}: capabilities.drop does not contain ALL")
            r.check("pod-security", not get(csc, "capabilities", "add"),
                    f"{where}: adds capabilities {get(csc, 'capabilities', 'add')}")
            r.check("pod-security", csc.get("privileged") is not True, f"{where}: privileged")


def probe_seconds(probe):
    return probe.get("periodSeconds", 10) * probe.get("failureThreshold", 3) + probe.get("initialDelaySeconds", 0)


def check_probes(m, r):
    for pod in m.pods:
        for c in pod.containers:
            where = f"{pod.name} container {c.get('name')}"
            args = [str(a) for a in c.get("args") or []] + [str(a) for a in (c.get("command") or [])[1:]]
            readiness, liveness, startup = (c.get("readinessProbe"), c.get("livenessProbe"),
                                            c.get("startupProbe"))
            r.check("probes", bool(readiness), f"{where}: no readinessProbe")
            r.check("probes", bool(liveness), f"{where}: no livenessProbe")
            health = [port_of(a) for a in flag_values(args, "health_listen")]
            if binary(c) in GRPC_SERVERS:
                r.check("probes", bool(health),
                        f"{where}: a gRPC server without --health_listen (the kubelet cannot "
                        "probe its mutual-TLS port)")
            if health:
                for label, probe in (("readinessProbe", readiness), ("livenessProbe", liveness),
                                     ("startupProbe", startup)):
                    if probe is None:
                        continue
                    r.check("probes", get(probe, "grpc", "port") == health[0],
                            f"{where}: {label} is not a gRPC probe of the health port {health[0]}")
            elif is_rakor(c):
                # The dashboard: HTTP GET /healthz.
                for label, probe in (("readinessProbe", readiness), ("livenessProbe", liveness)):
                    if probe is None:
                        continue
                    r.check("probes", bool(probe.get("httpGet") or probe.get("grpc")),
                            f"{where}: {label} is neither httpGet nor grpc")
            if has_flag(args, "database") or has_flag(args, "data_dir"):
                r.check("probes", startup is not None and probe_seconds(startup) >= 60,
                        f"{where}: applies migrations and seeds at start but has no startupProbe "
                        "allowing 60 s")


def check_resources(m, r):
    for pod in m.pods:
        for kind, c in all_containers(pod):
            where = f"{pod.name} {kind} {c.get('name')}"
            res = c.get("resources") or {}
            requests, limits = res.get("requests") or {}, res.get("limits") or {}
            for field, value in (("requests.cpu", requests.get("cpu")),
                                 ("requests.memory", requests.get("memory")),
                                 ("limits.memory", limits.get("memory"))):
                r.check("resources", value is not None and quantity(value) is not None,
                        f"{where}: resources.{field} missing or malformed ({value!r})")
            for resource in ("memory", "cpu"):
                req, lim = quantity(requests.get(resource, 0)), limits.get(resource)
                if lim is not None and req is not None and quantity(lim) is not None:
                    r.check("resources", quantity(lim) >= req,
                            f"{where}: limits.{resource} {lim} is below requests.{resource} "
                            f"{requests.get(resource)}")


def check_lifecycle(m, r):
    for pod in m.pods:
        r.check("lifecycle", pod.spec.get("automountServiceAccountToken") is False,
                f"{pod.name}: automountServiceAccountToken is not false (the pods never call "
                "the Kubernetes API)")
        grace = pod.spec.get("terminationGracePeriodSeconds", 30)
        for kind, c in all_containers(pod):
            where = f"{pod.name} {kind} {c.get('name')}"
            if get(c, "securityContext", "readOnlyRootFilesystem") is True:
                tmp = [v for v in c.get("volumeMounts") or [] if v.get("mountPath") == "/tmp"]
                volume = pod.volume(tmp[0].get("name")) if tmp else None
                r.check("lifecycle", volume is not None and "emptyDir" in volume,
                        f"{where}: the root filesystem is read-only but /tmp is not an emptyDir")
        for c in pod.containers:
            if not is_rakor(c):
                continue
            where = f"{pod.name} container {c.get('name')}"
            command = get(c, "lifecycle", "preStop", "exec", "command") or []
            r.check("lifecycle", bool(command),
                    f"{where}: no preStop hook (endpoints must drop the pod before the drain)")
            sleep = 0
            if len(command) >= 2 and str(command[0]).endswith("sleep"):
                sleep = quantity(command[1]) or 0
            r.check("lifecycle", grace > sleep + DRAIN_SECONDS,
                    f"{where}: terminationGracePeriodSeconds {grace} does not cover preStop "
                    f"({sleep:g} s) and the {DRAIN_SECONDS} s drain")


def image_tag(image):
    """(tag, digest) of an image reference."""
    ref, _, digest = str(image).partition("@")
    last = ref.rsplit("/", 1)[-1]
    tag = last.split(":", 1)[1] if ":" in last else None
    return tag, digest or None


def check_images(m, r):
    for pod in m.pods:
        for kind, c in all_containers(pod):
            tag, digest = image_tag(c.get("image", ""))
            r.check("images", bool(c.get("image")) and (digest or (tag and tag != "latest")),
                    f"{pod.name} {kind} {c.get('name')}: image {c.get('image')!r} is :latest or "
                    "has no tag")
    for cluster in m.of("Cluster"):
        image = get(cluster, "spec", "imageName")
        if image:
            tag, digest = image_tag(image)
            r.check("images", bool(digest or (tag and tag != "latest")),
                    f"{name_of(cluster)}: imageName {image!r} is :latest or has no tag")


def mount_for(pod, container, path):
    """The volume (and its mount) under which a file path lies."""
    best = None
    for mount in container.get("volumeMounts") or []:
        mp = mount.get("mountPath", "").rstrip("/")
        if path == mp or path.startswith(mp + "/"):
            if best is None or len(mp) > len(best[1].get("mountPath", "")):
                best = (pod.volume(mount.get("name")), mount)
    return best


def check_transport(m, r, overlay):
    for pod in m.pods:
        for c in pod.containers:
            if not is_rakor(c):
                continue
            where = f"{pod.name} container {c.get('name')}"
            args = [str(a) for a in c.get("args") or []]
            tls = [has_flag(args, f) for f in ("tls_cert", "tls_key", "tls_ca")]
            insecure = has_flag(args, "insecure_development")
            r.check("transport", (all(tls) and not insecure) or (not any(tls) and insecure),
                    f"{where}: needs exactly one transport mode: all of --tls_cert, --tls_key, "
                    "--tls_ca, or --insecure_development")
            if overlay == "production":
                r.check("transport", not insecure, f"{where}: --insecure_development in production")
            for flag in ("tls_cert", "tls_key", "tls_ca"):
                for path in flag_values(args, flag):
                    found = mount_for(pod, c, path)
                    r.check("transport", found is not None and found[0] is not None
                            and "secret" in found[0],
                            f"{where}: --{flag}={path} is not in a mounted Secret")
            for uri in flag_values(args, "database"):
                r.check("transport", not re.match(r"^[a-z]+://[^/@]*:[^/@]*@", uri),
                        f"{where}: --database carries a password (ps would show it): {uri}")
                if uri.startswith(("postgres://", "postgresql://")):
                    env = {e.get("name"): e for e in c.get("env") or []}
                    pg = env.get("PGPASSWORD")
                    r.check("transport", pg is not None and get(pg, "valueFrom", "secretKeyRef") is not None,
                            f"{where}: a PostgreSQL --database without PGPASSWORD from a Secret")


def check_metrics(m, r):
    for pod in m.pods:
        for c in pod.containers:
            args = [str(a) for a in c.get("args") or []]
            for address in flag_values(args, "metrics_listen"):
                port = port_of(address)
                where = f"{pod.name} container {c.get('name')}"
                declared = [p for p in c.get("ports") or [] if p.get("name") == "metrics"]
                r.check("metrics", bool(declared) and declared[0].get("containerPort") == port,
                        f"{where}: --metrics_listen port {port} is not its container port 'metrics'")
                r.check("metrics", pod.annotations.get("prometheus.io/scrape") == "true",
                        f"{pod.name}: no prometheus.io/scrape: \"true\" annotation")
                r.check("metrics", str(pod.annotations.get("prometheus.io/port")) == str(port),
                        f"{pod.name}: prometheus.io/port is {pod.annotations.get('prometheus.io/port')!r}, "
                        f"not the metrics port {port}")


def check_availability(m, r):
    pdbs = m.of("PodDisruptionBudget")
    for pod in m.pods:
        kind = pod.workload["kind"]
        if kind not in ("Deployment", "StatefulSet"):
            continue
        replicas = get(pod.workload, "spec", "replicas", default=1)
        if replicas < 2:
            continue
        matching = [p for p in pdbs if get(p, "metadata", "namespace") == pod.namespace
                    and selector_matches(get(p, "spec", "selector"), pod.labels)]
        r.check("availability", bool(matching),
                f"{pod.name}: {replicas} replicas but no PodDisruptionBudget selects its pods")
        for pdb in matching:
            spec = pdb.get("spec") or {}
            if "minAvailable" in spec:
                value = spec["minAvailable"]
                allowed = (replicas - int(value)) if isinstance(value, int) else (
                    replicas - -(-replicas * int(str(value).rstrip("%")) // 100))
            else:
                value = spec.get("maxUnavailable", 1)
                allowed = int(value) if isinstance(value, int) else (
                    replicas * int(str(value).rstrip("%")) // 100)
            r.check("availability", allowed >= 1,
                    f"{name_of(pdb)}: lets no pod of {pod.name} go (node drains would block)")
        spread = pod.spec.get("topologySpreadConstraints") or []
        for key in ("topology.kubernetes.io/zone", "kubernetes.io/hostname"):
            found = [t for t in spread if t.get("topologyKey") == key
                     and selector_matches(t.get("labelSelector"), pod.labels)]
            r.check("availability", bool(found),
                    f"{pod.name}: no topologySpreadConstraint over {key} selecting its pods")
        if kind == "Deployment":
            strategy = get(pod.workload, "spec", "strategy", default={})
            r.check("availability", strategy.get("type", "RollingUpdate") == "RollingUpdate"
                    and get(strategy, "rollingUpdate", "maxUnavailable") in (0, "0", "0%"),
                    f"{pod.name}: a rolling update may take pods away before their replacements "
                    "are ready (maxUnavailable is not 0)")
    for pdb in pdbs:
        r.check("availability", any(selector_matches(get(pdb, "spec", "selector"), p.labels)
                                    for p in m.pods),
                f"{name_of(pdb)}: selects no workload's pods")


def check_services(m, r):
    for svc in m.of("Service"):
        selector = get(svc, "spec", "selector")
        if not selector:
            continue
        ns = get(svc, "metadata", "namespace", default="default")
        pods = [p for p in m.pods if p.namespace == ns
                and selector_matches({"matchLabels": selector}, p.labels)]
        r.check("services", bool(pods), f"{name_of(svc)}: its selector {selector} matches no workload")
        for port in get(svc, "spec", "ports", default=[]):
            target = port.get("targetPort", port.get("port"))
            protocol = port.get("protocol", "TCP")
            for pod in pods:
                if isinstance(target, str) and not target.isdigit():
                    ok = target in pod.ports and pod.ports[target][1] == protocol
                else:
                    ok = (int(target), protocol) in pod.port_numbers
                r.check("services", ok,
                        f"{name_of(svc)} port {port.get('name')}: targetPort {target!r} is not a "
                        f"port of {pod.name}")


def check_network(m, r):
    # A default deny: every rakor pod is selected by a policy that isolates it both
    # ways and allows nothing, so a pod no other policy names is closed, not open.
    denials = [p for p in m.policies
               if set(policy_types(p)) == {"Ingress", "Egress"}
               and not get(p, "spec", "ingress") and not get(p, "spec", "egress")]
    for pod in m.pods:
        if pod.labels.get(PART_OF) == "rakor":
            r.check("network", any(selects(p, pod) for p in denials),
                    f"{pod.name}: no default-deny NetworkPolicy (Ingress and Egress, no rules) "
                    "selects its pods")
    db_labels = [d.labels for d in m.db_pods]
    for policy in m.policies:
        selector = get(policy, "spec", "podSelector", default={})
        matches = [p for p in m.pods if selects(policy, p)]
        r.check("network", bool(matches) or any(selector_matches(selector, l) for l in db_labels),
                f"{name_of(policy)}: its podSelector matches no workload and no CloudNativePG "
                "instance of a Cluster here")
        # A named port in an ingress rule must be declared by some pod it selects.
        for rule in get(policy, "spec", "ingress", default=[]) or []:
            for port in rule.get("ports") or []:
                value = port.get("port")
                if isinstance(value, str) and not value.isdigit() and matches:
                    r.check("network", any(value in p.ports for p in matches),
                            f"{name_of(policy)}: port {value!r} is declared by none of its pods")


def role_port(pod, role, kind):
    """The port number of a role's endpoint on a pod: kind grpc, feeds, http or metrics."""
    name = {"grpc": f"grpc-{role}", "feeds": "feeds", "http": "http", "metrics": "metrics"}[kind]
    return pod.ports.get(name, (None, "TCP"))[0]


def check_call_graph(m, r):
    """Evaluates the NetworkPolicies for the calls shared/DESIGN.md allows, and for a
    set that must be refused. Calls between two roles of the same pod (dev) are
    in-process and not evaluated."""
    if not m.pods:
        return
    namespace = m.pods[0].namespace
    by_role = {}
    for pod in m.pods:
        for role in pod.roles():
            by_role.setdefault(role, pod)
    client = Endpoint("a client (rakor/client: \"true\")", "clients", {"rakor/client": "true"})
    prometheus = Endpoint("Prometheus", "monitoring", {"app.kubernetes.io/name": "prometheus"})
    ingress = Endpoint("the ingress controller", "ingress-nginx",
                       {"app.kubernetes.io/name": "ingress-nginx"})
    stranger = Endpoint("an unlabelled pod in another namespace", "default", {"app": "other"})
    neighbour = Endpoint("an unlabelled pod in the same namespace", namespace, {"app": "other"})
    dns = Endpoint("the cluster DNS", "kube-system", {"k8s-app": "kube-dns"},
                   {"dns": (53, "UDP"), "dns-tcp": (53, "TCP")})
    internet = Endpoint("an address on the internet", ip="203.0.113.10")
    operator = Endpoint("the CloudNativePG operator", "cnpg-system",
                        {"app.kubernetes.io/name": "cloudnative-pg"})

    flows = []  # (source, destination, port, protocol, expected, what)

    def role_flow(src_role, dst_role, kind, expected):
        src, dst = by_role.get(src_role), by_role.get(dst_role)
        if src is None or dst is None or src is dst:
            return
        port = role_port(dst, dst_role, kind)
        if port is not None:
            flows.append((src, dst, port, "TCP", expected, f"{src_role} -> {dst_role} {kind}"))

    def outside_flow(src, dst_role, kind, expected):
        dst = by_role.get(dst_role)
        if dst is None:
            return
        port = role_port(dst, dst_role, kind)
        if port is not None:
            flows.append((src, dst, port, "TCP", expected, f"{src.name} -> {dst_role} {kind}"))

    # Allowed: the call graph.
    for src, dst in (("scheduling", "registry"), ("reporting", "registry"),
                     ("reporting", "scheduling"), ("dashboard", "registry"),
                     ("dashboard", "scheduling"), ("dashboard", "reporting")):
        role_flow(src, dst, "grpc", True)
    for role in ("registry", "scheduling", "reporting"):
        outside_flow(client, role, "grpc", True)
        outside_flow(prometheus, role, "grpc", False)
        outside_flow(stranger, role, "grpc", False)
        outside_flow(neighbour, role, "grpc", False)
    outside_flow(ingress, "dashboard", "http", True)
    outside_flow(internet, "dashboard", "http", True)
    outside_flow(ingress, "scheduling", "feeds", True)
    # Refused: calls against the graph.
    for src, dst in (("registry", "scheduling"), ("registry", "reporting"),
                     ("scheduling", "reporting"), ("registry", "dashboard"),
                     ("scheduling", "dashboard"), ("reporting", "dashboard")):
        role_flow(src, dst, "grpc" if dst != "dashboard" else "http", False)
    seen = []
    for pod in m.pods:
        if pod in seen or pod.labels.get(PART_OF) != "rakor":
            continue
        seen.append(pod)
        metrics = pod.ports.get("metrics", (None,))[0]
        if metrics is not None:
            flows.append((prometheus, pod, metrics, "TCP", True, f"Prometheus -> {pod.name} metrics"))
            flows.append((client, pod, metrics, "TCP", False, f"a client -> {pod.name} metrics"))
            flows.append((stranger, pod, metrics, "TCP", False, f"a stranger -> {pod.name} metrics"))
        health = pod.ports.get("health", (None,))[0]
        if health is not None:
            flows.append((stranger, pod, health, "TCP", False, f"a stranger -> {pod.name} health"))
        flows.append((pod, dns, 53, "UDP", True, f"{pod.name} -> DNS udp"))
        flows.append((pod, dns, 53, "TCP", True, f"{pod.name} -> DNS tcp"))
        flows.append((pod, internet, 443, "TCP", False, f"{pod.name} -> the internet"))
    for db in m.db_pods:
        for role in ("registry", "scheduling", "reporting"):
            if role in by_role:
                flows.append((by_role[role], db, 5432, "TCP", True, f"{role} -> database"))
        if "dashboard" in by_role and not set(by_role["dashboard"].roles()) & {"registry", "scheduling", "reporting"}:
            flows.append((by_role["dashboard"], db, 5432, "TCP", False, "dashboard -> database"))
        flows.append((db, db, 5432, "TCP", True, "database -> database (replication)"))
        flows.append((db, db, 8000, "TCP", True, "database -> database (status)"))
        flows.append((operator, db, 8000, "TCP", True, "operator -> database (status)"))
        flows.append((operator, db, 5432, "TCP", True, "operator -> database"))
        flows.append((stranger, db, 5432, "TCP", False, "a stranger -> database"))
        flows.append((client, db, 5432, "TCP", False, "a client -> database"))
        flows.append((neighbour, db, 5432, "TCP", False, "an unlabelled pod -> database"))

    for src, dst, port, protocol, expected, what in flows:
        allowed = flow_allowed(m.policies, src, dst, port, protocol)
        r.check("call-graph", allowed == expected,
                f"{what} ({protocol}/{port}) is {'allowed' if allowed else 'refused'}, "
                f"should be {'allowed' if expected else 'refused'}")


def check_certificates(m, r):
    certificates = {get(c, "spec", "secretName"): c for c in m.of("Certificate")}
    issuers = {(d["kind"], get(d, "metadata", "name")) for d in m.docs
               if d["kind"] in ("Issuer", "ClusterIssuer")}
    for cert in certificates.values():
        where = name_of(cert)
        spec = cert.get("spec") or {}
        ref = spec.get("issuerRef") or {}
        r.check("certificates", (ref.get("kind", "Issuer"), ref.get("name")) in issuers,
                f"{where}: issuer {ref.get('kind', 'Issuer')}/{ref.get('name')} is not here")
        uris = spec.get("uris") or []
        r.check("certificates", len(uris) == 1 and str(uris[0]).startswith("spiffe://rakor/"),
                f"{where}: needs exactly one spiffe://rakor/ URI, has {uris}")
        usages = spec.get("usages") or []
        r.check("certificates", "server auth" in usages and "client auth" in usages,
                f"{where}: usages {usages} lack server auth or client auth")
        r.check("certificates", get(spec, "privateKey", "rotationPolicy") == "Always",
                f"{where}: privateKey.rotationPolicy is not Always")
    services = m.of("Service")
    for pod in m.pods:
        for c in pod.containers:
            args = [str(a) for a in c.get("args") or []]
            for path in flag_values(args, "tls_cert"):
                found = mount_for(pod, c, path)
                secret = get(found, 0, "secret", "secretName") if found else None
                cert = certificates.get(secret)
                where = f"{pod.name} container {c.get('name')}"
                if not r.check("certificates", cert is not None,
                               f"{where}: TLS Secret {secret!r} is made by no Certificate here"):
                    continue
                uris = get(cert, "spec", "uris", default=[])
                want = ("spiffe://rakor/role/public" if binary(c) == "rakor-dashboard"
                        else "spiffe://rakor/role/service")
                r.check("certificates", want in uris,
                        f"{where}: certificate {name_of(cert)} is {uris}, should be {want}")
                if binary(c) in GRPC_SERVERS:
                    names = set(get(cert, "spec", "dnsNames", default=[]))
                    for svc in services:
                        selector = get(svc, "spec", "selector")
                        if not selector or not selector_matches({"matchLabels": selector}, pod.labels):
                            continue
                        if not any(p.get("appProtocol") == "grpc" for p in get(svc, "spec", "ports", default=[])):
                            continue
                        short = get(svc, "metadata", "name")
                        full = f"{short}.{get(svc, 'metadata', 'namespace', default='default')}.svc"
                        r.check("certificates", short in names and full in names,
                                f"{where}: certificate {name_of(cert)} lacks {short} or {full}, "
                                "which clients dial")


def role_workloads(m):
    return {role: [p for p in m.pods if role in p.roles()] for role in ROLES}


def check_overlay(m, r, overlay, expect_kinds):
    for kind, count in expect_kinds:
        have = len(m.of(kind))
        r.check("overlay", have == count, f"{count} {kind} expected, {have} rendered")
    rakor_pods = [p for p in m.pods if p.labels.get(PART_OF) == "rakor"]
    by_role = role_workloads(m)
    if overlay == "production":
        for role in ROLES:
            pods = by_role[role]
            r.check("overlay", len(pods) == 1 and pods[0].workload["kind"] == "Deployment",
                    f"production: the {role} role should be served by one Deployment, "
                    f"is by {[p.name for p in pods]}")
            for pod in pods:
                r.check("overlay", pod.roles() == [role],
                        f"production: {pod.name} serves {pod.roles()}, should serve only {role}")
                replicas = get(pod.workload, "spec", "replicas", default=1)
                if role == "scheduling":
                    # One process per schema (it claims it); never two at once.
                    r.check("overlay", replicas == 1 and get(
                        pod.workload, "spec", "strategy", "type") == "Recreate",
                            f"production: {pod.name} must run one replica with the Recreate "
                            "strategy (scheduling keeps its state in memory)")
                    continue
                minimum = 3 if role == "registry" else 2
                r.check("overlay", replicas >= minimum,
                        f"production: {pod.name} has {replicas} replicas, fewer than {minimum}")
        for pod in rakor_pods:
            r.check("overlay", not get(pod.workload, "spec", "volumeClaimTemplates"),
                    f"production: {pod.name} has volumeClaimTemplates (state belongs in the database)")
            kinds = [k for v in pod.spec.get("volumes") or [] for k in v if k != "name"]
            r.check("overlay", set(kinds) <= {"emptyDir", "configMap", "secret"},
                    f"production: {pod.name} has volumes of kind {kinds}; only emptyDir, "
                    "configMap and secret belong")
        clusters = m.of("Cluster")
        r.check("overlay", len(clusters) == 1 and get(clusters[0], "spec", "instances") == 3,
                "production: one CloudNativePG Cluster of 3 instances expected")
        cluster_names = {get(c, "metadata", "name") for c in clusters}
        for backup in m.of("ScheduledBackup"):
            r.check("overlay", get(backup, "spec", "cluster", "name") in cluster_names,
                    f"{name_of(backup)}: backs up a Cluster that is not here")
        r.check("overlay", not m.of("StatefulSet"), "production: no StatefulSet expected")
    elif overlay == "dev":
        r.check("overlay", len(rakor_pods) == 1,
                f"dev: exactly one rakor workload expected, have {[p.name for p in rakor_pods]}")
        r.check("overlay", not m.of("Deployment"), "dev: the per-service Deployments do not belong here")
        r.check("overlay", not m.of("Cluster"), "dev: no PostgreSQL Cluster belongs here")
        for pod in rakor_pods:
            r.check("overlay", sorted(pod.roles()) == sorted(ROLES),
                    f"dev: {pod.name} serves {pod.roles()}, should serve all four roles")
            r.check("overlay", get(pod.workload, "spec", "replicas", default=1) == 1,
                    f"dev: {pod.name} should run one replica (SQLite has one writer)")
            claims = {get(t, "metadata", "name") for t in get(pod.workload, "spec", "volumeClaimTemplates", default=[])}
            r.check("overlay", bool(claims), f"dev: {pod.name} has no volumeClaimTemplates")
            for c in pod.containers:
                for data_dir in flag_values([str(a) for a in c.get("args") or []], "data_dir"):
                    found = mount_for(pod, c, data_dir)
                    r.check("overlay", found is not None and found[1].get("name") in claims,
                            f"dev: --data_dir={data_dir} is not on a claimed volume")


def run_checks(docs, overlay=None, expect_kinds=(), namespace=None):
    m = Manifests(docs)
    r = Results()
    check_labels(m, r, namespace)
    check_pod_security(m, r)
    check_probes(m, r)
    check_resources(m, r)
    check_lifecycle(m, r)
    check_images(m, r)
    check_transport(m, r, overlay)
    check_metrics(m, r)
    check_availability(m, r)
    check_services(m, r)
    check_network(m, r)
    check_call_graph(m, r)
    check_certificates(m, r)
    check_overlay(m, r, overlay, expect_kinds)
    if not m.workloads:
        r.check("overlay", False, "no workload rendered")
    return r


def report(r, out=sys.stdout):
    for group in GROUPS:
        passed, failed = r.passed[group], r.failures[group]
        if not passed and not failed:
            continue
        status = "ok  " if not failed else "FAIL"
        print(f"{status} {group:<13} {passed} passed, {len(failed)} failed", file=out)
        for message in failed:
            print(f"       - {message}", file=out)
    passed, failed = r.total()
    print(f"{passed} passed, {failed} failed", file=out)
    return failed == 0


# ----------------------------------------------------------------------------
# Self-test: broken manifests must be refused, a sound one accepted.

SOUND = """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: rakor-registry
  namespace: rakor
  labels: {app.kubernetes.io/part-of: rakor}
spec:
  replicas: 2
  strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 0, maxSurge: 1}}
  selector: {matchLabels: {app.kubernetes.io/name: rakor-registry}}
  template:
    metadata:
      labels: {app.kubernetes.io/name: rakor-registry, app.kubernetes.io/part-of: rakor,
               rakor/registry: serving}
      annotations: {prometheus.io/scrape: "true", prometheus.io/port: "9451"}
    spec:
      automountServiceAccountToken: false
      terminationGracePeriodSeconds: 30
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile: {type: RuntimeDefault}
      topologySpreadConstraints:
        - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway,
           labelSelector: {matchLabels: {app.kubernetes.io/name: rakor-registry}}}
        - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway,
           labelSelector: {matchLabels: {app.kubernetes.io/name: rakor-registry}}}
      containers:
        - name: registry
          image: example/rakor:0.1.0
          command: [/usr/bin/rakor-registry]
          args: [--listen=0.0.0.0:50051, --database=postgresql://rakor@db/rakor,
                 --metrics_listen=0.0.0.0:9451, --health_listen=0.0.0.0:9401,
                 --tls_cert=/etc/rakor/tls/tls.crt, --tls_key=/etc/rakor/tls/tls.key,
                 --tls_ca=/etc/rakor/tls/ca.crt]
          env:
            - {name: PGPASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}
          ports:
            - {name: grpc-registry, containerPort: 50051}
            - {name: metrics, containerPort: 9451}
            - {name: health, containerPort: 9401}
          startupProbe: {grpc: {port: 9401}, periodSeconds: 5, failureThreshold: 12}
          readinessProbe: {grpc: {port: 9401}, periodSeconds: 5}
          livenessProbe: {grpc: {port: 9401}, periodSeconds: 10, failureThreshold: 3}
          resources: {requests: {cpu: 250m, memory: 128Mi}, limits: {memory: 512Mi}}
          lifecycle: {preStop: {exec: {command: [sleep, "5"]}}}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            privileged: false
            capabilities: {drop: [ALL]}
          volumeMounts:
            - {name: tmp, mountPath: /tmp}
            - {name: tls, mountPath: /etc/rakor/tls, readOnly: true}
      volumes:
        - {name: tmp, emptyDir: {}}
        - {name: tls, secret: {secretName: rakor-registry-tls}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: rakor-registry, namespace: rakor, labels: {app.kubernetes.io/part-of: rakor}}
spec:
  minAvailable: 1
  selector: {matchLabels: {app.kubernetes.io/name: rakor-registry}}
---
apiVersion: v1
kind: Service
metadata: {name: rakor-registry, namespace: rakor, labels: {app.kubernetes.io/part-of: rakor}}
spec:
  selector: {rakor/registry: serving}
  ports:
    - {name: grpc, port: 50051, targetPort: grpc-registry, appProtocol: grpc}
    - {name: metrics, port: 9451, targetPort: metrics}
---
apiVersion: cert-manager.io/v1
kind: Issuer
metadata: {name: rakor-ca, namespace: rakor, labels: {app.kubernetes.io/part-of: rakor}}
spec: {ca: {secretName: rakor-ca-keypair}}
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: rakor-registry-tls, namespace: rakor, labels: {app.kubernetes.io/part-of: rakor}}
spec:
  secretName: rakor-registry-tls
  issuerRef: {kind: Issuer, name: rakor-ca}
  uris: [spiffe://rakor/role/service]
  dnsNames: [rakor-registry, rakor-registry.rakor.svc, rakor-registry.rakor.svc.cluster.local]
  usages: [digital signature, server auth, client auth]
  privateKey: {algorithm: ECDSA, size: 256, rotationPolicy: Always}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: rakor-default-deny, namespace: rakor, labels: {app.kubernetes.io/part-of: rakor}}
spec:
  podSelector: {matchLabels: {app.kubernetes.io/part-of: rakor}}
  policyTypes: [Ingress, Egress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: rakor-registry-ingress, namespace: rakor, labels: {app.kubernetes.io/part-of: rakor}}
spec:
  podSelector: {matchLabels: {rakor/registry: serving}}
  ingress:
    - from: [{namespaceSelector: {}, podSelector: {matchLabels: {rakor/client: "true"}}}]
      ports: [{protocol: TCP, port: 50051}]
    - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}},
              podSelector: {matchLabels: {app.kubernetes.io/name: prometheus}}}]
      ports: [{protocol: TCP, port: metrics}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: rakor-dns-egress, namespace: rakor, labels: {app.kubernetes.io/part-of: rakor}}
spec:
  podSelector: {matchLabels: {app.kubernetes.io/part-of: rakor}}
  policyTypes: [Egress]
  egress:
    - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}]
      ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
"""


def _container(docs, kind="Deployment"):
    workload = next(d for d in docs if d["kind"] == kind)
    return pod_template(workload)["spec"]["containers"][0]


def _pod_spec(docs):
    return pod_template(next(d for d in docs if d["kind"] in WORKLOAD_KINDS))["spec"]


def _without(docs, kind):
    return [d for d in docs if d["kind"] != kind]


def _as_cronjob(docs):
    """The sound pod, run by a CronJob instead, with one container made privileged."""
    deployment = next(d for d in docs if d["kind"] == "Deployment")
    template = copy.deepcopy(deployment["spec"]["template"])
    template["spec"]["containers"][0]["securityContext"]["privileged"] = True
    cron = {"apiVersion": "batch/v1", "kind": "CronJob",
            "metadata": {"name": "rakor-backup", "namespace": "rakor", "labels": {PART_OF: "rakor"}},
            "spec": {"schedule": "0 2 * * *", "jobTemplate": {"spec": {"template": template}}}}
    return docs + [cron]


def _init_container(docs):
    spec = _pod_spec(docs)
    spec["initContainers"] = [{"name": "init", "image": "busybox:1.36",
                               "resources": {"requests": {"cpu": "10m", "memory": "8Mi"},
                                             "limits": {"memory": "16Mi"}}}]


def _set(path_fn, key, value):
    def mutate(docs):
        path_fn(docs)[key] = value
    return mutate


def _delete(path_fn, key):
    def mutate(docs):
        path_fn(docs).pop(key, None)
    return mutate


def _allow_all_ingress(docs):
    docs.append({"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                 "metadata": {"name": "allow-all", "namespace": "rakor", "labels": {PART_OF: "rakor"}},
                 "spec": {"podSelector": {}, "ingress": [{}]}})


def _orphan_policy(docs):
    docs.append({"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                 "metadata": {"name": "rakor-typo", "namespace": "rakor", "labels": {PART_OF: "rakor"}},
                 "spec": {"podSelector": {"matchLabels": {"rakor/registy": "serving"}}}})


def _args(mutate_args):
    def mutate(docs):
        container = _container(docs)
        container["args"] = mutate_args(list(container["args"]))
    return mutate


SELF_TESTS = [
    # (what, mutation of the sound manifests, the group that must refuse it)
    ("a container without resource limits",
     _delete(lambda d: _container(d)["resources"], "limits"), "resources"),
    ("a privileged container", _set(lambda d: _container(d)["securityContext"], "privileged", True),
     "pod-security"),
    ("a Deployment of 2 replicas without a PodDisruptionBudget",
     lambda d: d.__setitem__(slice(None), _without(d, "PodDisruptionBudget")), "availability"),
    ("an image tagged :latest", _set(_container, "image", "example/rakor:latest"), "images"),
    ("an image without a tag", _set(_container, "image", "example/rakor"), "images"),
    ("no allowPrivilegeEscalation: false",
     _delete(lambda d: _container(d)["securityContext"], "allowPrivilegeEscalation"), "pod-security"),
    ("a writable root filesystem",
     _set(lambda d: _container(d)["securityContext"], "readOnlyRootFilesystem", False), "pod-security"),
    ("capabilities not dropped", _delete(lambda d: _container(d)["securityContext"], "capabilities"),
     "pod-security"),
    ("runAsNonRoot false in the container",
     _set(lambda d: _container(d)["securityContext"], "runAsNonRoot", False), "pod-security"),
    ("no seccomp profile", _delete(lambda d: _pod_spec(d)["securityContext"], "seccompProfile"),
     "pod-security"),
    ("no readiness probe", _delete(_container, "readinessProbe"), "probes"),
    ("a gRPC server probed over HTTP",
     _set(_container, "livenessProbe", {"httpGet": {"path": "/healthz", "port": 9401}}), "probes"),
    ("migrations without a startup probe", _delete(_container, "startupProbe"), "probes"),
    ("a memory limit below the request",
     _set(lambda d: _container(d)["resources"]["limits"], "memory", "64Mi"), "resources"),
    ("no cpu request", _delete(lambda d: _container(d)["resources"]["requests"], "cpu"), "resources"),
    ("an initContainer without a securityContext", _init_container, "pod-security"),
    ("a privileged container in a CronJob",
     lambda d: d.__setitem__(slice(None), _as_cronjob(d)), "pod-security"),
    ("a service account token mounted", _set(_pod_spec, "automountServiceAccountToken", True),
     "lifecycle"),
    ("no preStop hook", _delete(_container, "lifecycle"), "lifecycle"),
    ("a Service selecting no pod",
     _set(lambda d: next(x for x in d if x["kind"] == "Service")["spec"], "selector",
          {"rakor/registy": "serving"}), "services"),
    ("a Service targeting an undeclared port",
     lambda d: next(x for x in d if x["kind"] == "Service")["spec"]["ports"][0].__setitem__(
         "targetPort", "grpc"), "services"),
    ("a NetworkPolicy selecting no pod", _orphan_policy, "network"),
    ("an allow-all ingress policy", _allow_all_ingress, "call-graph"),
    ("no default-deny policy",
     lambda d: d.__setitem__(slice(None), [x for x in d if get(x, "metadata", "name") != "rakor-default-deny"]),
     "network"),
    ("a password in --database",
     _args(lambda a: [x.replace("rakor@", "rakor:secret@") for x in a]), "transport"),
    ("both TLS and --insecure_development",
     _args(lambda a: a + ["--insecure_development"]), "transport"),
    ("a TLS Secret that no Certificate makes",
     lambda d: d.__setitem__(slice(None), _without(d, "Certificate")), "certificates"),
    ("the wrong SPIFFE ID",
     lambda d: next(x for x in d if x["kind"] == "Certificate")["spec"].__setitem__(
         "uris", ["spiffe://rakor/role/public"]), "certificates"),
    ("a Prometheus port annotation off the metrics port",
     lambda d: pod_template(d[0])["metadata"]["annotations"].__setitem__("prometheus.io/port", "9999"),
     "metrics"),
    ("a pod without the part-of label",
     lambda d: pod_template(d[0])["metadata"]["labels"].pop(PART_OF), "labels"),
    ("a Deployment without topology spread", _delete(_pod_spec, "topologySpreadConstraints"),
     "availability"),
]


def self_test():
    sound = [d for d in yaml.safe_load_all(SOUND) if d]
    passed = failed = 0
    result = run_checks(copy.deepcopy(sound), namespace="rakor")
    if result.total()[1] == 0:
        passed += 1
        print(f"ok   the sound manifests are accepted ({result.total()[0]} checks)")
    else:
        failed += 1
        print("FAIL the sound manifests are refused:")
        report(result)
    for what, mutate, group in SELF_TESTS:
        docs = copy.deepcopy(sound)
        mutate(docs)
        result = run_checks(docs, namespace="rakor")
        refusals = result.failures[group]
        if refusals:
            passed += 1
            print(f"ok   refused: {what} [{group}: {refusals[0]}]")
        else:
            failed += 1
            others = [m for g in GROUPS for m in result.failures[g]]
            print(f"FAIL not refused by {group}: {what} (other refusals: {others})")
    # The production expectations, on manifests that lack nearly everything.
    result = run_checks(copy.deepcopy(sound), overlay="production", namespace="rakor")
    if result.failures["overlay"]:
        passed += 1
        print(f"ok   refused: a lone registry as production [overlay: {result.failures['overlay'][0]}]")
    else:
        failed += 1
        print("FAIL a lone registry passed as production")
    result = run_checks(copy.deepcopy(sound), overlay="dev", namespace="rakor")
    if result.failures["overlay"]:
        passed += 1
        print(f"ok   refused: a Deployment as dev [overlay: {result.failures['overlay'][0]}]")
    else:
        failed += 1
        print("FAIL a Deployment passed as dev")
    print(f"{passed} passed, {failed} failed")
    return failed == 0


# ----------------------------------------------------------------------------


def expect_kind(value):
    kind, sep, count = value.partition("=")
    if not sep or not count.isdigit():
        raise argparse.ArgumentTypeError(f"--expect-kind wants KIND=N, not {value!r}")
    return kind, int(count)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("manifests", nargs="?", default="-",
                        help="rendered multi-document YAML (default: stdin)")
    parser.add_argument("--overlay", choices=("production", "dev"),
                        help="also check what this overlay must (and must not) contain")
    parser.add_argument("--expect-kind", type=expect_kind, action="append", default=[],
                        metavar="KIND=N", help="exactly N objects of KIND (repeatable)")
    parser.add_argument("--namespace", default="rakor",
                        help="the namespace every namespaced object must be in (default: rakor)")
    parser.add_argument("--self-test", action="store_true",
                        help="check that broken manifests are refused, and exit")
    args = parser.parse_args(argv)
    if args.self_test:
        return 0 if self_test() else 1
    text = sys.stdin.read() if args.manifests == "-" else open(args.manifests, encoding="utf-8").read()
    docs = list(yaml.safe_load_all(text))
    label = args.overlay or args.manifests
    print(f"# {label}: {len([d for d in docs if d])} objects")
    result = run_checks(docs, args.overlay, args.expect_kind, args.namespace)
    return 0 if report(result) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
