// Schema check of Kubernetes manifests with the kubernetes-models package (run by KubernetesManifestSchemaTest).
// usage: node validate-k8s.mjs FILE.yaml...   Prints one line per document; exit 1 if any is invalid.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

let failures = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    const obj = doc.toJS();
    if (obj == null) continue;
    const where = `${file}: ${obj.kind}/${obj.metadata?.name}`;
    try {
      // apps/v1 -> kubernetes-models/apps/v1; core v1 -> kubernetes-models/v1
      const mod = await import(`kubernetes-models/${obj.apiVersion}`);
      const Kind = mod[obj.kind];
      if (!Kind) throw new Error(`no kind ${obj.kind} in ${obj.apiVersion}`);
      new Kind(obj).validate();
      console.log(`ok ${where}`);
    } catch (e) {
      failures++;
      console.log(`INVALID ${where}: ${e.message}`);
    }
  }
}
process.exit(failures === 0 ? 0 : 1);
