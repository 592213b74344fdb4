import { defineLucentView } from "./define.ts";

defineLucentView();
