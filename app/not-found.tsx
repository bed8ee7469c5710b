import Link from "next/link";
import { buttonVariants } from "@/app/_components/ui/button";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-semibold">This page does not exist</h1>
      <p className="mt-2 text-muted-foreground">The link may be old, or the page may have moved.</p>
      <Link className={`${buttonVariants()} mt-6`} href="/">
        Go to the home page
      </Link>
    </div>
  );
}
