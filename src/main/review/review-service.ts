import type { Annotation, HistoryEntry, LabelReviewStats, QueuePage, ReviewEvent, UndoResult } from '../../shared/domain';
import { AnnotationsRepo } from '../store/annotations-repo';
import type { Db } from '../store/connection';
import { HistoryRepo } from '../store/history-repo';
import { ReviewRepo } from '../store/review-repo';
import { ChangeLog } from './change-log';
import { reviewEvents, type EventsRequest } from './events';
import { HumanAnnotations } from './human-annotations';
import { reviewQueue, reviewStats, type QueueRequest } from './queue';
import { StatsCache } from './stats-cache';
import { Verdicts } from './verdicts';

/** The review loop of one open project: queue, verdicts, annotations, events, undo/redo, history. */
export class ReviewService {
  readonly annotationsRepo: AnnotationsRepo;
  readonly historyRepo: HistoryRepo;
  readonly repo: ReviewRepo;
  readonly log: ChangeLog;
  readonly verdicts: Verdicts;
  readonly annotations: HumanAnnotations;
  readonly statsCache: StatsCache;

  constructor(db: Db) {
    this.annotationsRepo = new AnnotationsRepo(db);
    this.historyRepo = new HistoryRepo(db);
    this.repo = new ReviewRepo(db);
    this.log = new ChangeLog(db, this.annotationsRepo, this.historyRepo);
    this.statsCache = new StatsCache(this.repo, (runId) => reviewStats(this.repo, runId));
    this.log.stats = this.statsCache;
    this.verdicts = new Verdicts(this.annotationsRepo, this.log);
    this.annotations = new HumanAnnotations(this.annotationsRepo, this.log);
  }

  queue(request: QueueRequest, reviewer: string): QueuePage {
    return reviewQueue(this.repo, request, reviewer);
  }

  stats(runId?: number): LabelReviewStats[] {
    return this.statsCache.get(runId);
  }

  events(request: EventsRequest, reviewer: string): ReviewEvent[] {
    return reviewEvents(this.repo, this.annotationsRepo, request, reviewer);
  }

  undo(reviewer: string): UndoResult {
    return this.log.undo(reviewer);
  }

  redo(reviewer: string): UndoResult {
    return this.log.redo(reviewer);
  }

  /** Who decided what on a detection, and when — including undone and withdrawn verdicts. */
  history(predictionId: number): HistoryEntry[] {
    return this.historyRepo.forPrediction(predictionId);
  }

  /** Every reviewer's current verdict on a detection. */
  verdictsOn(predictionId: number): Annotation[] {
    return this.annotationsRepo.forPrediction(predictionId);
  }
}

// One service per open database, so the undo stacks live exactly as long as the project is open
// (AppContext drops the Db on close; the WeakMap then lets the service go).
const services = new WeakMap<Db, ReviewService>();

export function reviewFor(db: Db): ReviewService {
  let service = services.get(db);
  if (!service) {
    service = new ReviewService(db);
    services.set(db, service);
  }
  return service;
}
