#!/usr/bin/env node
// Offline schema validation of rendered rakor manifests (k8s/README.md).
//
//   node validate_manifests.mjs RENDERED.yaml [MORE.yaml ...]   (or "-" for stdin)
//
// Every object is validated against the OpenAPI schema of its kind, with no cluster:
// Kubernetes' own kinds by the npm package kubernetes-models, cert-manager's by
// @kubernetes-models/cert-manager (each model's validate() throws on a schema error:
// a wrong type, a missing required field, a value outside an enum or format).
// CloudNativePG's Cluster and ScheduledBackup have no model package: their
// apiVersion and the fields rakor relies on are checked by hand below, and the
// output says so. A kind in neither list is an error, so a new kind is added here
// on purpose. These schemas accept fields they do not know, so a misspelt field
// name is not caught here; tests/deploy/check_manifests.py checks the fields that
// matter by name.
//
// Exits 1 if any object is invalid. Ends with "N passed, M failed".

import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { DaemonSet } from "kubernetes-models/apps/v1/DaemonSet";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { Job } from "kubernetes-models/batch/v1/Job";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { Certificate } from "@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate";
import { ClusterIssuer } from "@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer";
import { Issuer } from "@kubernetes-models/cert-manager/cert-manager.io/v1/Issuer";

// apiVersion/kind -> model class.
const MODELS = new Map(
  [
    ConfigMap, PersistentVolumeClaim, Secret, Service, ServiceAccount,
    DaemonSet, Deployment, StatefulSet, CronJob, Job,
    Ingress, NetworkPolicy, PodDisruptionBudget,
    Certificate, ClusterIssuer, Issuer,
  ].map((model) => [`${model.apiVersion}/${model.kind}`, model]),
);

// ---------------------------------------------------------------------------
// CloudNativePG, by hand (postgresql.cnpg.io/v1; no model package exists).

const QUANTITY = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?$/;
const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

function at(obj, path) {
  return path.split(".").reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

function checkCluster(obj, names) {
  const errors = [];
  const need = (path, test, what) => {
    const value = at(obj, path);
    if (!test(value)) errors.push(`${path} ${what} (is ${JSON.stringify(value)})`);
  };
  const optional = (path, test, what) => {
    if (at(obj, path) !== undefined) need(path, test, what);
  };
  const isString = (v) => typeof v === "string" && v.length > 0;
  const isQuantity = (v) => (typeof v === "string" && QUANTITY.test(v)) || typeof v === "number";
  need("metadata.name", (v) => isString(v) && DNS_LABEL.test(v) && v.length <= 50,
    "must be a DNS label of at most 50 characters");
  need("spec.instances", (v) => Number.isInteger(v) && v >= 1, "must be an integer >= 1");
  optional("spec.imageName", isString, "must be a string");
  optional("spec.primaryUpdateStrategy", (v) => ["unsupervised", "supervised"].includes(v),
    "must be unsupervised or supervised");
  if (at(obj, "spec.storage.pvcTemplate") === undefined) {
    need("spec.storage.size", isQuantity, "must be a quantity");
  }
  const bootstrap = at(obj, "spec.bootstrap") ?? {};
  const methods = ["initdb", "recovery", "pg_basebackup"].filter((m) => bootstrap[m] !== undefined);
  if (methods.length > 1) errors.push(`spec.bootstrap has more than one method: ${methods}`);
  if (bootstrap.initdb !== undefined) {
    need("spec.bootstrap.initdb.database", isString, "must be a string");
    need("spec.bootstrap.initdb.owner", isString, "must be a string");
    for (const field of ["postInitSQL", "postInitApplicationSQL", "postInitTemplateSQL"]) {
      optional(`spec.bootstrap.initdb.${field}`,
        (v) => Array.isArray(v) && v.every(isString), "must be a list of strings");
    }
  }
  optional("spec.affinity.enablePodAntiAffinity", (v) => typeof v === "boolean", "must be a boolean");
  optional("spec.affinity.topologyKey", isString, "must be a string");
  optional("spec.affinity.podAntiAffinityType", (v) => ["preferred", "required"].includes(v),
    "must be preferred or required");
  for (const kind of ["requests", "limits"]) {
    for (const [resource, value] of Object.entries(at(obj, `spec.resources.${kind}`) ?? {})) {
      if (!isQuantity(value)) errors.push(`spec.resources.${kind}.${resource} must be a quantity`);
    }
  }
  optional("spec.postgresql.parameters",
    (v) => typeof v === "object" && Object.values(v).every((p) => typeof p === "string"),
    "must map names to strings");
  optional("spec.monitoring.enablePodMonitor", (v) => typeof v === "boolean", "must be a boolean");
  if (at(obj, "spec.backup.barmanObjectStore") !== undefined) {
    need("spec.backup.barmanObjectStore.destinationPath", isString, "must be a string");
  }
  names.clusters.add(`${obj.metadata?.namespace}/${obj.metadata?.name}`);
  return { errors, checked: "instances, imageName, storage.size, bootstrap, affinity, resources, postgresql.parameters, monitoring, backup" };
}

function checkScheduledBackup(obj, names) {
  const errors = [];
  const spec = obj.spec ?? {};
  // CloudNativePG's schedule has six fields, seconds first.
  if (typeof spec.schedule !== "string" || spec.schedule.trim().split(/\s+/).length !== 6) {
    errors.push(`spec.schedule must be a six-field cron expression (is ${JSON.stringify(spec.schedule)})`);
  }
  if (typeof spec.cluster?.name !== "string") errors.push("spec.cluster.name must be a string");
  if (spec.method !== undefined && !["barmanObjectStore", "volumeSnapshot", "plugin"].includes(spec.method)) {
    errors.push(`spec.method ${JSON.stringify(spec.method)} is not barmanObjectStore, volumeSnapshot or plugin`);
  }
  if (spec.backupOwnerReference !== undefined && !["none", "self", "cluster"].includes(spec.backupOwnerReference)) {
    errors.push(`spec.backupOwnerReference ${JSON.stringify(spec.backupOwnerReference)} is not none, self or cluster`);
  }
  if (spec.suspend !== undefined && typeof spec.suspend !== "boolean") errors.push("spec.suspend must be a boolean");
  names.backups.push({ obj, cluster: `${obj.metadata?.namespace}/${spec.cluster?.name}` });
  return { errors, checked: "schedule, cluster.name, method, backupOwnerReference, suspend" };
}

const BY_HAND = new Map([
  ["postgresql.cnpg.io/v1/Cluster", checkCluster],
  ["postgresql.cnpg.io/v1/ScheduledBackup", checkScheduledBackup],
]);

// ---------------------------------------------------------------------------

function readInputs(paths) {
  if (paths.length === 0) paths = ["-"];
  return paths.map((path) => ({ path, text: readFileSync(path === "-" ? 0 : path, "utf8") }));
}

function main(argv) {
  let passed = 0;
  let failed = 0;
  const names = { clusters: new Set(), backups: [] };
  const fail = (what, message) => {
    failed += 1;
    console.log(`FAIL ${what}: ${message}`);
  };

  for (const { path, text } of readInputs(argv)) {
    // YAML 1.1, as Kubernetes itself reads manifests (sigs.k8s.io/yaml).
    const documents = parseAllDocuments(text, { version: "1.1" });
    for (const [index, document] of documents.entries()) {
      const what0 = `${path} document ${index + 1}`;
      if (document.errors.length > 0) {
        fail(what0, `YAML: ${document.errors.map((e) => e.message).join("; ")}`);
        continue;
      }
      const obj = document.toJS();
      if (obj == null) continue;
      const key = `${obj.apiVersion}/${obj.kind}`;
      const what = `${obj.apiVersion} ${obj.kind} ${obj.metadata?.name ?? "(no name)"}`;
      if (typeof obj.metadata?.name !== "string" || obj.metadata.name === "") {
        fail(what, "metadata.name is missing");
        continue;
      }
      const model = MODELS.get(key);
      const byHand = BY_HAND.get(key);
      if (model) {
        try {
          new model(obj).validate();
          passed += 1;
          console.log(`ok   ${what}`);
        } catch (error) {
          fail(what, error.message);
        }
      } else if (byHand) {
        const { errors, checked } = byHand(obj, names);
        if (errors.length === 0) {
          passed += 1;
          console.log(`ok   ${what} (no schema model: checked by hand: ${checked})`);
        } else {
          fail(what, `(checked by hand, no schema model) ${errors.join("; ")}`);
        }
      } else {
        fail(what, `no schema for ${key}: add its model to MODELS or a check to BY_HAND`);
      }
    }
  }
  for (const { obj, cluster } of names.backups) {
    const what = `${obj.apiVersion} ${obj.kind} ${obj.metadata.name}`;
    if (names.clusters.has(cluster)) {
      passed += 1;
      console.log(`ok   ${what} backs up a Cluster rendered with it (${cluster})`);
    } else {
      fail(what, `backs up ${cluster}, which is not rendered with it`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
