import { Card } from "@/components/ui/card";

type ComingSoonProps = {
  title: string;
  description: string;
  /** What the finished page will let people do. */
  planned: string[];
};

/** A console page that is not built yet, saying plainly what it will contain. */
export function ComingSoon({ title, description, planned }: ComingSoonProps) {
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight text-slate-950">{title}</h1>
      <p className="mt-2 max-w-2xl text-slate-600">{description}</p>
      <Card className="mt-8 max-w-2xl border-dashed bg-slate-50/60 shadow-none">
        <h2 className="text-sm font-semibold text-slate-900">Coming to this page</h2>
        <ul className="mt-3 list-disc space-y-1.5 pl-5 text-sm leading-6 text-slate-700 marker:text-slate-400">
          {planned.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </Card>
    </>
  );
}
